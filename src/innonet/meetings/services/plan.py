"""The meeting plan: the office asks for it, a background task builds it with the scheduler
and stores it. A new run keeps the meetings already placed (after a withdrawal only the freed
requests move) unless the office asks for a plan from scratch before anything was recorded."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.tasking import enqueue_on_commit
from innonet.events.models import RegistrationStatus

from .. import mails
from ..models import (
    Marketplace,
    MeetingRequest,
    Participant,
    PlanState,
    RequestStatus,
    SlotKind,
)
from .errors import MeetingError
from .marketplace import check_office, lock
from .participants import participant_withdraw
from .requests import create_meeting

if TYPE_CHECKING:
    from ..scheduler import Placed, Problem

BUSY = (PlanState.QUEUED, PlanState.RUNNING)


@dataclass
class PlanResult:
    placed: int
    kept: int
    unplaced: int
    # Participants who gained, lost or moved a meeting in this run.
    changed: set[int] = field(default_factory=set)


def plan_time_limit() -> float:
    return float(getattr(settings, "MEETINGS_PLAN_SECONDS", 8.0))


@transaction.atomic
def plan_request(marketplace: Marketplace, *, keep_existing: bool = True, acting_user: Any) -> None:
    """Queue a plan run; one at a time per marketplace."""
    check_office(acting_user, marketplace)
    marketplace = lock(marketplace)
    if marketplace.plan_state in BUSY:
        raise MeetingError(_("The plan is being built already."))
    if not keep_existing and marketplace.meetings.exclude(outcome="").exists():
        raise MeetingError(_("Outcomes are recorded already; the plan can only be completed."))
    if not marketplace.slots.filter(kind=SlotKind.MEETING).exists():
        raise MeetingError(_("Please add meeting slots first."))
    if not marketplace.tables.exists():
        raise MeetingError(_("Please add tables or online rooms first."))
    marketplace.plan_state = PlanState.QUEUED
    marketplace.plan_progress = 0
    marketplace.plan_message = ""
    marketplace.save(update_fields=["plan_state", "plan_progress", "plan_message", "updated_at"])
    audit.record(marketplace, "meetings.plan.requested", user=acting_user)
    from ..tasks import build_plan

    enqueue_on_commit(build_plan, marketplace_id=marketplace.pk, keep_existing=keep_existing)


def _progress(marketplace_id: int, state: str, percent: int, message: str = "") -> None:
    Marketplace.objects.filter(pk=marketplace_id).update(
        plan_state=state, plan_progress=percent, plan_message=message[:500]
    )


def withdraw_cancelled(marketplace: Marketplace) -> int:
    """Participants whose event registration is no longer confirmed leave the marketplace."""
    gone = Participant.objects.filter(marketplace=marketplace, withdrawn_at__isnull=True).exclude(
        registration__status=RegistrationStatus.CONFIRMED
    )
    return sum(participant_withdraw(p, acting_user=None) for p in gone)


def problem_for(marketplace: Marketplace, *, keep_existing: bool = True) -> "Problem":
    """The scheduler's view of the marketplace: meeting slots, tables, who is there when, the
    accepted requests of active participants and (when kept) the meetings already placed."""
    from ..scheduler import Placed, Problem, Request

    slots = list(
        marketplace.slots.filter(kind=SlotKind.MEETING)
        .order_by("starts_at")
        .values_list("pk", flat=True)
    )
    tables = list(marketplace.tables.values_list("pk", flat=True))
    active = list(
        Participant.objects.filter(marketplace=marketplace, withdrawn_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    absent: dict[int, set[int]] = {}
    for participant_id, slot_id in Participant.unavailable_slots.through.objects.filter(
        participant_id__in=active
    ).values_list("participant_id", "slot_id"):
        absent.setdefault(participant_id, set()).add(slot_id)
    availability = {p: frozenset(s for s in slots if s not in absent.get(p, ())) for p in active}
    requests = [
        Request(id=pk, requester=requester, recipient=recipient)
        for pk, requester, recipient in MeetingRequest.objects.filter(
            marketplace=marketplace,
            status=RequestStatus.ACCEPTED,
            requester_id__in=active,
            recipient_id__in=active,
        )
        .order_by("pk")
        .values_list("pk", "requester_id", "recipient_id")
    ]
    fixed = []
    if keep_existing:
        placeable = {request.id for request in requests}
        fixed = [
            Placed(request=r, slot=s, table=t)
            for r, s, t in marketplace.meetings.filter(slot__kind=SlotKind.MEETING)
            .order_by("pk")
            .values_list("request_id", "slot_id", "table_id")
            if r in placeable
        ]
    return Problem(
        slots=slots, tables=tables, availability=availability, requests=requests, fixed=fixed
    )


def plan_build(marketplace_id: int, *, keep_existing: bool = True) -> PlanResult:
    """Build and store the plan (the background task's work), recording progress."""
    marketplace = Marketplace.objects.select_related("event").get(pk=marketplace_id)
    _progress(marketplace_id, PlanState.RUNNING, 5)
    with transaction.atomic():
        withdraw_cancelled(marketplace)
    problem = problem_for(marketplace, keep_existing=keep_existing)
    _progress(marketplace_id, PlanState.RUNNING, 20)
    from ..scheduler import schedule

    plan = schedule(problem, time_limit=plan_time_limit())
    _progress(marketplace_id, PlanState.RUNNING, 80)
    result = store(marketplace, plan.placed, keep_existing=keep_existing)
    # No sentence is stored: the pages count planned and unplaced requests in the reader's
    # language (a message written here would keep the worker's).
    planned_at = timezone.now()
    Marketplace.objects.filter(pk=marketplace_id).update(
        plan_state=PlanState.DONE,
        plan_progress=100,
        plan_message="",
        planned_at=planned_at,
    )
    mails.queue_plan_mails(marketplace_id, result.changed, planned_at.isoformat())
    audit.record(
        marketplace,
        "meetings.plan.built",
        data={"placed": result.placed, "kept": result.kept, "unplaced": result.unplaced},
    )
    return result


@transaction.atomic
def store(marketplace: Marketplace, placed: list["Placed"], *, keep_existing: bool) -> PlanResult:
    """Write the plan: meetings not in it go, new ones come. A place a participant took by an
    accept while the scheduler ran is refused by the constraints and stays unplaced."""
    marketplace = lock(marketplace)
    wanted = {p.request: p for p in placed}
    existing = {m.request_id: m for m in marketplace.meetings.select_related("request")}
    kept = 0
    changed: set[int] = set()
    for request_id, meeting in existing.items():
        target = wanted.get(request_id)
        if (
            target is not None
            and keep_existing
            and (meeting.slot_id, meeting.table_id) == (target.slot, target.table)
        ):
            kept += 1
            del wanted[request_id]
        elif meeting.outcome == "":
            meeting.delete()
            changed.update((meeting.request.requester_id, meeting.request.recipient_id))
    by_id = MeetingRequest.objects.in_bulk(list(wanted))
    created = 0
    for request_id, target in wanted.items():
        request = by_id.get(request_id)
        if request is None or request.status != RequestStatus.ACCEPTED:
            continue
        if create_meeting(request, target.slot, target.table) is not None:
            created += 1
            changed.update((request.requester_id, request.recipient_id))
    accepted = MeetingRequest.objects.filter(
        marketplace=marketplace, status=RequestStatus.ACCEPTED
    ).count()
    placed_now = marketplace.meetings.count()
    return PlanResult(
        placed=created, kept=kept, unplaced=max(accepted - placed_now, 0), changed=changed
    )
