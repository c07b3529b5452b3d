"""What projects tells matching: partners of one project worked together (earlier cooperation
and track record in the engine's documents), a changed partner list refreshes those
organisations' documents, and an introduction's page offers to start a project idea."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext

from innonet.core import permissions
from innonet.matching import feeds
from innonet.matching import signals as matching_signals
from innonet.matching.models import Introduction, IntroductionStatus

from .models import InnovationProject, ProjectPartner


def partner_groups(wanted: set[int] | None = None) -> Iterator[set[int]]:
    """The partner organisations of each project (only projects with one of `wanted`)."""
    partners = ProjectPartner.objects.all()
    if wanted is not None:
        partners = partners.filter(
            project_id__in=ProjectPartner.objects.filter(organisation_id__in=wanted).values(
                "project_id"
            )
        )
    by_project: dict[int, set[int]] = defaultdict(set)
    rows = partners.values_list("project_id", "organisation_id")
    for project, organisation in rows.iterator(chunk_size=2000):
        by_project[project].add(organisation)
    yield from by_project.values()


def project_counts(organisation_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Projects per organisation (all organisations when None)."""
    rows = ProjectPartner.objects.all()
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=list(organisation_ids))
    counted = rows.values("organisation_id").annotate(n=Count("project_id", distinct=True))
    return {row["organisation_id"]: row["n"] for row in counted}


def start_project(user: Any, introduction: Introduction) -> feeds.NextStep | None:
    """A project idea from this introduction, for those who may create projects."""
    if introduction.status == IntroductionStatus.DECLINED:
        return None
    if not permissions.can_create(user, InnovationProject):
        return None
    url = f"{reverse('projects:project_create')}?origin_introduction={introduction.pk}"
    return feeds.NextStep(gettext("Create project idea from this"), url)


@receiver(post_save, sender=ProjectPartner)
@receiver(post_delete, sender=ProjectPartner)
def partner_changed(sender, instance: ProjectPartner, raw: bool = False, **kwargs) -> None:
    """Partners of one project cooperate: each one's earlier cooperation changes."""
    if raw:
        return
    partners = ProjectPartner.objects.filter(project_id=instance.project_id)
    ids = set(partners.values_list("organisation_id", flat=True)) | {instance.organisation_id}
    matching_signals.organisations_changed(ids)


feeds.add_cooperation(feeds.CooperationFeed(groups=partner_groups, activity=project_counts))
feeds.add_next_step(start_project)
