"""Create and change innovation projects: validation, optimistic locking, audit."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import Role, User
from innonet.core import audit, versioning
from innonet.core.errors import DomainError
from innonet.matching.services.introductions import project_started

from ..models import InnovationProject, StageChange
from ..rules import Stage
from .common import clean_or_raise, user_or_none
from .partners import fill_default_rates

SCALAR_FIELDS = (
    "title", "summary", "goals", "owner", "next_step", "next_step_due", "confidentiality",
    "programme", "call", "origin_event", "origin_interaction", "origin_introduction",
    "origin_profile", "origin_note",
)  # fmt: skip
MANY_FIELDS = ("ris3_fields", "competences")
FIELDS = SCALAR_FIELDS + MANY_FIELDS


def _validate(project: InnovationProject, _changed: object = None) -> None:
    project.title = (project.title or "").strip()
    if not project.title:
        raise DomainError(_("Enter a title."), field="title")
    if project.owner is not None and project.owner.role != Role.STAFF:
        raise DomainError(_("The owner must be a member of the network staff."), field="owner")
    if project.call is not None:
        if project.programme_id is None:
            project.programme = project.call.programme
        elif project.call.programme_id != project.programme_id:
            raise DomainError(_("The call belongs to another funding programme."), field="call")
    clean_or_raise(project)


@transaction.atomic
def project_create(*, data: Mapping[str, Any], acting_user: User | None) -> InnovationProject:
    """Record a new project as an idea; creation is the first entry of its stage history.
    Without an owner, a staff member creating it becomes the owner. A project that came from
    an introduction moves that introduction to "project started"."""
    project = InnovationProject(stage=Stage.IDEA)
    changed = versioning.apply_changes(project, data, FIELDS)
    actor = user_or_none(acting_user)
    if "owner" not in data and actor is not None and actor.role == Role.STAFF:
        project.owner = actor
    _validate(project)
    project.save()
    versioning.set_many(project, data, changed)
    StageChange.objects.create(
        project=project, from_stage="", to_stage=Stage.IDEA, changed_by=actor
    )
    audit.record(project, "projects.project.created", user=acting_user)
    if project.origin_introduction is not None:
        project_started(project.origin_introduction, project, acting_user=acting_user)
    return project


@transaction.atomic
def project_update(
    project: InnovationProject,
    *,
    data: Mapping[str, Any],
    expected_version: int | None,
    acting_user: User | None,
) -> InnovationProject:
    """Change a project's details (the stage moves only through `project_move`). With
    `expected_version`, a save based on stale data is refused with the current record. Linking
    an introduction moves it to "project started", as on creation."""
    current, changed = versioning.versioned_update(
        project,
        data=data,
        fields=FIELDS,
        expected_version=expected_version,
        acting_user=acting_user,
        action="projects.project.updated",
        validate=_validate,
    )
    if "programme" in changed:
        fill_default_rates(current)
    if "origin_introduction" in changed and current.origin_introduction is not None:
        project_started(current.origin_introduction, current, acting_user=acting_user)
    return current
