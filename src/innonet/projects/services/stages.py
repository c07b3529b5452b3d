"""Moving a project between stages: the transition rules, the gates before submission and
grant, and the history entry for every move."""

from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions, versioning
from innonet.core.errors import DomainError

from ..models import InnovationProject, ProjectPartner, StageChange
from ..models.projects import STAGE_CHOICES
from ..queries import project_consortium_check
from ..rules import COUNTING_ROLES, Stage, can_move, needs_reason
from .common import user_or_none

STAGE_LABELS = dict(STAGE_CHOICES)


def _label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, stage))


def _check_transition(project: InnovationProject, target: str, reason: str) -> None:
    if target not in STAGE_LABELS:
        raise DomainError(_("Unknown stage."), field="stage")
    if target == project.stage:
        raise DomainError(
            _("The project is already at the stage “%(stage)s”.") % {"stage": _label(target)},
            field="stage",
        )
    if not can_move(project.stage, target):
        raise DomainError(
            _("A project cannot move from “%(current)s” to “%(target)s”.")
            % {"current": _label(project.stage), "target": _label(target)},
            field="stage",
        )
    if needs_reason(project.stage, target) and not reason:
        raise DomainError(_("Please say why the project takes this step."), field="reason")


def _gate_problems(project: InnovationProject, target: str) -> list[str]:
    """What speaks against a submission or a grant; `force` may override these."""
    if target == Stage.SUBMITTED:
        return [finding.message for finding in project_consortium_check(project).unmet]
    if target == Stage.GRANTED:
        missing = ProjectPartner.objects.filter(
            project=project, role__in=COUNTING_ROLES, granted_amount__isnull=True
        ).exists()
        has_partner = project.partners.filter(role__in=COUNTING_ROLES).exists()
        if missing or not has_partner:
            return [_("Enter the granted amount of every lead and partner before the grant.")]
    return []


@transaction.atomic
def project_move(
    project: InnovationProject,
    *,
    to_stage: str,
    reason: str = "",
    force: bool = False,
    expected_version: int | None = None,
    acting_user: User | None,
) -> InnovationProject:
    """Move a project to another stage and record who, when and why.

    Illegal jumps are refused. A submission needs a programme and a consortium that meets its
    rules; a grant needs the granted amounts. Staff may override these two gates with
    `force` and a reason (e.g. the funder accepted an exception); the entry is marked."""
    project = versioning.lock(project, expected_version)
    reason = (reason or "").strip()[:500]
    _check_transition(project, to_stage, reason)
    if to_stage == Stage.SUBMITTED and project.programme_id is None:
        raise DomainError(_("Choose the funding programme before submitting."), field="programme")
    problems = _gate_problems(project, to_stage)
    if problems and not force:
        raise DomainError(" ".join(problems), field="stage")
    if force and problems:
        if not permissions.is_staff(acting_user):
            raise DomainError(_("Only network staff may override the rules."), field="force")
        if not reason:
            raise DomainError(_("Please say why the rules are overridden."), field="reason")
    change = StageChange.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        changed_by=user_or_none(acting_user),
        reason=reason,
        forced=bool(force and problems),
    )
    project.stage = to_stage
    versioning.save_new_version(project, update_fields=["stage", "search_text"])
    audit.record(
        project,
        "projects.project.moved",
        user=acting_user,
        data={
            "from": change.from_stage,
            "to": to_stage,
            "reason": reason,
            "forced": change.forced,
        },
    )
    return project
