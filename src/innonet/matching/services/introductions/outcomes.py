"""What came of an introduction: met, cooperating, a project, or declined, along the allowed
moves."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, versioning

from ...models import Introduction
from .errors import IntroductionMoveError
from .planning import (
    OPEN_STATUSES,
    Status,
    _lock,
    _record,
    _status_label,
)

# Where an introduction may go next. PLANNED -> INTRODUCED happens only by sending it, and
# a declined introduction stays declined: a new introduction starts afresh.
MOVES: dict[str, tuple[str, ...]] = {
    Status.PLANNED: (Status.INTRODUCED, Status.DECLINED),
    Status.INTRODUCED: (Status.MET, Status.DECLINED),
    Status.MET: (Status.COOPERATING, Status.PROJECT_STARTED, Status.DECLINED),
    Status.COOPERATING: (Status.PROJECT_STARTED, Status.DECLINED),
    Status.PROJECT_STARTED: (),
    Status.DECLINED: (),
}


def manual_moves(introduction: Introduction) -> tuple[str, ...]:
    """The outcomes staff may record by hand now (sending is its own action)."""
    return tuple(s for s in MOVES.get(introduction.status, ()) if s != Status.INTRODUCED)


@transaction.atomic
def introduction_record_outcome(
    introduction: Introduction,
    *,
    status: str,
    note: str = "",
    version: int | None = None,
    acting_user: User | None,
) -> Introduction:
    """Record what came of an introduction: met, cooperating, a project, or declined.
    Moves outside MOVES (and sending, which has its own action) are refused."""
    current = _lock(introduction, version)
    if status not in MOVES:
        raise IntroductionMoveError(_("Unknown outcome."), code="unknown")
    if status == Status.INTRODUCED and current.status == Status.PLANNED:
        raise IntroductionMoveError(
            _("An introduction becomes “introduced” by sending it."), code="send_first"
        )
    if status not in MOVES[current.status]:
        raise IntroductionMoveError(
            _("An introduction cannot move from “%(current)s” to “%(target)s”.")
            % {"current": _status_label(current.status), "target": _status_label(status)},
            code="illegal_move",
        )
    previous = current.status
    current.status = status
    versioning.save_new_version(current, update_fields=["status"])
    _record(current, status, note=note, acting_user=acting_user)
    audit.record(
        current,
        "matching.introduction.outcome",
        user=acting_user,
        data={"from": previous, "to": status},
    )
    return current


@transaction.atomic
def project_started(
    introduction: Introduction, project: Any, *, acting_user: User | None
) -> Introduction:
    """A project was created from this introduction: it moves to "project started" (from any
    open state; a declined or already counted introduction stays as it is)."""
    current = _lock(introduction, None)
    if current.status not in OPEN_STATUSES:
        return current
    previous = current.status
    current.status = Status.PROJECT_STARTED
    versioning.save_new_version(current, update_fields=["status"])
    note = _("Project: %(title)s") % {"title": getattr(project, "title", "")}
    _record(current, Status.PROJECT_STARTED, note=note, acting_user=acting_user)
    audit.record(
        current,
        "matching.introduction.project_started",
        user=acting_user,
        data={"from": previous, "project": getattr(project, "pk", None)},
    )
    return current
