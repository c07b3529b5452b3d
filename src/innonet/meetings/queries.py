"""Reads of the marketplace pages: who is coming, suggestions with the matching engine's
reasons, a participant's requests and plan, the office's plan per slot."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from innonet.matching.queries import MAX_LIMIT, Match, whom_to_meet

from .models import (
    Marketplace,
    Meeting,
    MeetingRequest,
    Participant,
    RequestStatus,
    Slot,
    SlotKind,
)

SEARCH_MAX = 100


def listed(marketplace: Marketplace, viewer: Participant | None, q: str = "") -> QuerySet:
    """Published, active participants other than the viewer, by name; `q` searches name,
    organisation and profile text."""
    rows = Participant.objects.filter(
        marketplace=marketplace, published=True, withdrawn_at__isnull=True
    ).select_related("organisation")
    if viewer is not None:
        rows = rows.exclude(pk=viewer.pk)
    for word in (q or "")[:SEARCH_MAX].split()[:5]:
        rows = rows.filter(
            Q(name__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(headline__icontains=word)
            | Q(offers__icontains=word)
            | Q(seeks__icontains=word)
        )
    return rows.order_by("name", "pk")


@dataclass
class Suggested:
    participant: Participant
    match: Match


def suggestions(user: Any, viewer: Participant | None, limit: int = 5) -> list[Suggested]:
    """Participants whose organisation the matching engine suggests for the viewer's, best
    first, with its reasons; the same question as "whom to meet" on the organisation page."""
    if viewer is None or viewer.organisation is None:
        return []
    answer = whom_to_meet(user, viewer.organisation, limit=MAX_LIMIT)
    by_organisation = {m.organisation.pk: m for m in answer.matches}
    if not by_organisation:
        return []
    candidates = (
        listed(viewer.marketplace, viewer)
        .filter(organisation_id__in=list(by_organisation))
        .exclude(organisation_id=viewer.organisation_id)
    )
    found = [Suggested(p, by_organisation[p.organisation_id]) for p in candidates]
    found.sort(key=lambda s: (-s.match.score, s.participant.name))
    return found[:limit]


def requests_with(viewer: Participant | None) -> dict[int, MeetingRequest]:
    """The viewer's request with each other participant, keyed by the other's id."""
    if viewer is None:
        return {}
    rows = MeetingRequest.objects.filter(Q(requester=viewer) | Q(recipient=viewer))
    return {(r.recipient_id if r.requester_id == viewer.pk else r.requester_id): r for r in rows}


def incoming(viewer: Participant) -> QuerySet:
    return viewer.received_requests.select_related("requester", "meeting__slot").order_by(
        "status", "-created_at", "-pk"
    )


def outgoing(viewer: Participant) -> QuerySet:
    return viewer.sent_requests.select_related("recipient", "meeting__slot").order_by(
        "status", "-created_at", "-pk"
    )


@dataclass
class PlanRow:
    slot: Slot
    meeting: Meeting | None = None
    other: Participant | None = None
    absent: bool = False


def zone(marketplace: Marketplace) -> ZoneInfo:
    return ZoneInfo(marketplace.time_zone)


def local(marketplace: Marketplace, moment: datetime) -> datetime:
    return timezone.localtime(moment, zone(marketplace))


def plan_of(participant: Participant) -> list[PlanRow]:
    """Every slot of the day with the participant's meeting, break or free time."""
    meetings = {
        m.slot_id: m
        for m in Meeting.objects.filter(seats__participant=participant).select_related(
            "table", "request__requester", "request__recipient"
        )
    }
    absent = set(participant.unavailable_slots.values_list("pk", flat=True))
    rows = []
    for slot in participant.marketplace.slots.order_by("starts_at"):
        meeting = meetings.get(slot.pk)
        other = None
        if meeting is not None:
            request = meeting.request
            other = (
                request.recipient if request.requester_id == participant.pk else request.requester
            )
        rows.append(PlanRow(slot=slot, meeting=meeting, other=other, absent=slot.pk in absent))
    return rows


@dataclass
class SlotPlan:
    slot: Slot
    meetings: list[Meeting] = field(default_factory=list)


def office_plan(marketplace: Marketplace) -> list[SlotPlan]:
    """Each slot with its meetings by table (two queries)."""
    by_slot: dict[int, list[Meeting]] = {}
    for meeting in marketplace.meetings.select_related(
        "table", "request__requester", "request__recipient", "introduction", "project"
    ).order_by("table__name", "pk"):
        by_slot.setdefault(meeting.slot_id, []).append(meeting)
    return [
        SlotPlan(slot=slot, meetings=by_slot.get(slot.pk, []))
        for slot in marketplace.slots.order_by("starts_at")
    ]


def request_counts(marketplace: Marketplace) -> dict[str, int]:
    rows = marketplace.requests.values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(RequestStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts["placed"] = marketplace.meetings.count()
    counts["unplaced"] = max(counts[RequestStatus.ACCEPTED] - counts["placed"], 0)
    return counts


def meeting_slots(marketplace: Marketplace) -> QuerySet:
    return marketplace.slots.filter(kind=SlotKind.MEETING).order_by("starts_at")
