"""Reads of the marketplace pages: who is coming, suggestions with the matching engine's
reasons, a participant's requests and plan, the office's plan per slot."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from innonet.matching.queries import MAX_LIMIT, whom_to_meet
from innonet.matching.queries.answers import STRENGTHS
from innonet.partners.models import Organisation

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
    """A suggested participant with the engine's reasons (plain values, so it can be cached)."""

    participant: Participant
    strength: str
    score: float
    competences: list[str]
    terms: list[str]
    ris3: list[str]

    @property
    def strength_label(self) -> str:
        return str(STRENGTH_LABELS.get(self.strength, self.strength))


STRENGTH_LABELS = {key: label for _threshold, key, label in STRENGTHS}
SUGGESTIONS_SECONDS = 300  # the engine's question is the page's dearest part


def _suggested_rows(user: Any, viewer: Participant, organisation: Organisation) -> list[tuple]:
    """(participant id, strength, score, competences, terms, RIS3 fields), best first."""
    answer = whom_to_meet(user, organisation, limit=MAX_LIMIT)
    by_organisation = {m.organisation.pk: m for m in answer.matches}
    if not by_organisation:
        return []
    candidates = (
        listed(viewer.marketplace, viewer)
        .filter(organisation_id__in=list(by_organisation))
        .exclude(organisation_id=viewer.organisation_id)
        .values_list("pk", "organisation_id")
    )
    rows = []
    for pk, organisation_id in candidates:
        match = by_organisation[organisation_id]
        reasons = match.reasons
        rows.append(
            (pk, match.strength[0], match.score, list(reasons.competences),
             list(reasons.terms[:5]), list(reasons.ris3))
        )  # fmt: skip
    rows.sort(key=lambda row: -row[2])
    return rows


def suggestions(
    user: Any, viewer: Participant | None, limit: int = 5, exclude: Collection[int] = ()
) -> list[Suggested]:
    """Participants whose organisation the matching engine suggests for the viewer's, best
    first, with its reasons; the same question as "whom to meet" on the organisation page.
    The answer is kept for five minutes per participant and reader; who has left or hidden
    their profile since drops out at once, and so does anyone in `exclude` (already asked)."""
    organisation = viewer.organisation if viewer is not None else None
    if viewer is None or organisation is None:
        return []
    key = f"meetings:suggested:{viewer.pk}:{getattr(user, 'pk', 0)}"
    rows = cache.get(key)
    if rows is None:
        rows = _suggested_rows(user, viewer, organisation)
        cache.set(key, rows, SUGGESTIONS_SECONDS)
    shown = [row for row in rows if row[0] not in exclude][: limit * 2]
    people = listed(viewer.marketplace, viewer).in_bulk([row[0] for row in shown])
    found = [
        Suggested(people[pk], strength, score, competences, terms, ris3)
        for pk, strength, score, competences, terms, ris3 in shown
        if pk in people
    ]
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


def office_plan(marketplace: Marketplace, slots: list[Slot] | None = None) -> list[SlotPlan]:
    """Each slot (all, or the given ones) with its meetings by table (two queries)."""
    slots = slots if slots is not None else list(marketplace.slots.order_by("starts_at"))
    by_slot: dict[int, list[Meeting]] = {}
    for meeting in (
        marketplace.meetings.filter(slot__in=[slot.pk for slot in slots])
        .select_related(
            "table", "request__requester", "request__recipient", "introduction", "project"
        )
        .order_by("table__name", "pk")
    ):
        by_slot.setdefault(meeting.slot_id, []).append(meeting)
    return [SlotPlan(slot=slot, meetings=by_slot.get(slot.pk, [])) for slot in slots]


def request_counts(marketplace: Marketplace) -> dict[str, int]:
    rows = marketplace.requests.values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(RequestStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts["placed"] = marketplace.meetings.count()
    counts["unplaced"] = max(counts[RequestStatus.ACCEPTED] - counts["placed"], 0)
    return counts


def meeting_slots(marketplace: Marketplace) -> QuerySet:
    return marketplace.slots.filter(kind=SlotKind.MEETING).order_by("starts_at")
