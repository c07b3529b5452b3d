"""Reads across events, registrations, feedback and the registry: the figures of one event
and of the formats in the catalogue. Each function runs a fixed number of queries however
many registrations there are."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from innonet.core import permissions
from innonet.partners.models import Affiliation, Organisation, Person
from innonet.partners.rules import SmeClass

from .models import Event, EventStatus, Feedback, Format, Registration, RegistrationStatus

RATINGS = (1, 2, 3, 4, 5)
SME_CLASSES = (SmeClass.MICRO, SmeClass.SMALL, SmeClass.MEDIUM)

# An SME by its EU size class; an organisation the office only filed as "SME" (no figures,
# class unknown) counts too. A research participant comes from a university, research
# institute or education provider.
SME = Q(organisation__sme_class__in=SME_CLASSES) | Q(
    organisation__sme_class=SmeClass.UNKNOWN, organisation__kind=Organisation.Kind.SME
)
RESEARCH = Q(organisation__kind__in=Organisation.RESEARCH_KINDS)
CONFIRMED = Q(status=RegistrationStatus.CONFIRMED)
ATTENDED = CONFIRMED & Q(attended_at__isnull=False)


@dataclass(frozen=True)
class EventFigures:
    """What one event achieved. `participants` are the people checked in, or the confirmed
    ones when nobody was checked in; SMEs, research and first-timers count among them."""

    registrations: int
    by_status: dict[str, int]
    confirmed: int
    attended: int
    attendance_rate: float | None
    no_shows: int
    participants: int
    check_in_used: bool
    sme_participants: int
    research_participants: int
    first_time_participants: int
    feedback_count: int
    rating_average: float | None
    rating_distribution: dict[int, int] = field(default_factory=dict)


def _earlier_confirmed(event: Event) -> Exists:
    """A confirmed registration of the same person (by registry link or address) for an
    event that started before this one and was not cancelled."""
    same_person = Q(email=OuterRef("email")) | Q(
        person_id=OuterRef("person_id"), person_id__isnull=False
    )
    earlier = Q(event__starts_at__lt=event.starts_at) | Q(
        event__starts_at=event.starts_at, event_id__lt=event.pk
    )
    return Exists(
        Registration.objects.filter(same_person, earlier, CONFIRMED)
        .exclude(event_id=event.pk)
        .exclude(event__status=EventStatus.CANCELLED)
    )


def event_figures(event: Event) -> EventFigures:
    """Registrations by status, attendance, SMEs, research, first-timers and ratings of one
    event, in a single query."""
    counts = {
        "total": Count("pk"),
        **{
            f"status_{status}": Count("pk", filter=Q(status=status))
            for status in RegistrationStatus
        },
        "attended": Count("pk", filter=ATTENDED),
        "rating_count": Count("feedback"),
        "rating_average": Avg("feedback__rating"),
        **{f"rating_{r}": Count("feedback", filter=Q(feedback__rating=r)) for r in RATINGS},
    }
    for scope, condition in (("confirmed", CONFIRMED), ("attended", ATTENDED)):
        counts[f"sme_{scope}"] = Count("pk", filter=condition & SME)
        counts[f"research_{scope}"] = Count("pk", filter=condition & RESEARCH)
        counts[f"first_{scope}"] = Count("pk", filter=condition & Q(has_earlier=False))
    row = (
        Registration.objects.filter(event_id=event.pk)
        .annotate(has_earlier=_earlier_confirmed(event))
        .aggregate(**counts)
    )
    confirmed, attended = row[f"status_{RegistrationStatus.CONFIRMED}"], row["attended"]
    scope = "attended" if attended else "confirmed"
    average = row["rating_average"]
    return EventFigures(
        registrations=row["total"],
        by_status={status: row[f"status_{status}"] for status in RegistrationStatus},
        confirmed=confirmed,
        attended=attended,
        attendance_rate=attended / confirmed if confirmed else None,
        no_shows=confirmed - attended,
        participants=attended or confirmed,
        check_in_used=bool(attended),
        sme_participants=row[f"sme_{scope}"],
        research_participants=row[f"research_{scope}"],
        first_time_participants=row[f"first_{scope}"],
        feedback_count=row["rating_count"],
        rating_average=round(float(average), 2) if average is not None else None,
        rating_distribution={r: row[f"rating_{r}"] for r in RATINGS},
    )


@dataclass(frozen=True)
class FormatFigures:
    """How often a format ran, how many took part and how it was rated."""

    runs: int = 0
    participants: int = 0
    rating_average: float | None = None
    rating_count: int = 0
    last_run: datetime | None = None


def held_events(now: datetime | None = None) -> Q:
    """Events that took place: finished, or published and already over."""
    now = now or timezone.now()
    return Q(status=EventStatus.FINISHED) | Q(status=EventStatus.PUBLISHED, ends_at__lt=now)


def format_figures(queryset: QuerySet[Format] | Iterable[Format]) -> dict[int, FormatFigures]:
    """Figures per format (keyed by pk, every given format present) from the events held.

    An event counts its checked-in participants, or its confirmed ones where nobody was
    checked in. One query for the events, plus one if `queryset` is not evaluated yet."""
    pks = [item.pk for item in queryset]
    confirmed = RegistrationStatus.CONFIRMED
    rows = (
        Event.objects.filter(held_events(), format_id__in=pks)
        .values("pk", "format_id", "starts_at")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=confirmed)),
            attended=Count(
                "registrations",
                filter=Q(registrations__status=confirmed, registrations__attended_at__isnull=False),
            ),
            rating_sum=Sum("registrations__feedback__rating"),
            rating_count=Count("registrations__feedback"),
        )
        .order_by()
    )
    totals: dict[int, dict] = {pk: {"runs": 0, "people": 0, "sum": 0, "count": 0} for pk in pks}
    last: dict[int, datetime] = {}
    for row in rows:
        total = totals[row["format_id"]]
        total["runs"] += 1
        total["people"] += row["attended"] or row["confirmed"]
        total["sum"] += row["rating_sum"] or 0
        total["count"] += row["rating_count"]
        if row["format_id"] not in last or row["starts_at"] > last[row["format_id"]]:
            last[row["format_id"]] = row["starts_at"]
    return {
        pk: FormatFigures(
            runs=total["runs"],
            participants=total["people"],
            rating_average=round(total["sum"] / total["count"], 2) if total["count"] else None,
            rating_count=total["count"],
            last_run=last.get(pk),
        )
        for pk, total in totals.items()
    }


@dataclass(frozen=True)
class CheckInCounts:
    confirmed: int
    checked_in: int

    @property
    def missing(self) -> int:
        return self.confirmed - self.checked_in


def checkin_counts(event: Event) -> CheckInCounts:
    """The counters at the top of the check-in page, in one query."""
    row = Registration.objects.filter(CONFIRMED, event_id=event.pk).aggregate(
        confirmed=Count("pk"), checked_in=Count("pk", filter=Q(attended_at__isnull=False))
    )
    return CheckInCounts(confirmed=row["confirmed"], checked_in=row["checked_in"])


def feedback_comments(event: Event, *, limit: int) -> list[Feedback]:
    """The newest written comments on an event, without the names of those who wrote them."""
    return list(
        Feedback.objects.filter(registration__event_id=event.pk)
        .exclude(comment="")
        .only("rating", "comment", "created_at")
        .order_by("-created_at", "-pk")[:limit]
    )


REGISTRY_MATCHES = 10


def registry_people(user: Any, query: str) -> list[Person]:
    """People of the registry `user` may see whose name or address matches `query`, for
    picking the person the office registers by hand; each with `current_roles` loaded."""
    query = " ".join(str(query or "").split())[:100]
    if len(query) < 2:
        return []
    people = permissions.visible(user, Person.objects.present().search(query))
    current = Affiliation.objects.filter(ended_on__isnull=True).select_related("organisation")
    return list(
        people.prefetch_related(
            Prefetch("affiliations", queryset=current, to_attr="current_roles")
        ).order_by("last_name", "first_name", "pk")[:REGISTRY_MATCHES]
    )


def registry_person(user: Any, value: Any) -> Person | None:
    """The visible, not erased person a posted or linked id names, else None."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    current = Affiliation.objects.filter(ended_on__isnull=True).select_related("organisation")
    people = permissions.visible(user, Person.objects.present()).prefetch_related(
        Prefetch("affiliations", queryset=current, to_attr="current_roles")
    )
    return people.filter(pk=int(text)).first()


def attendee_initial(person: Person) -> dict[str, Any]:
    """The manual registration form, filled from a registry entry."""
    roles = sorted(getattr(person, "current_roles", []), key=lambda role: not role.is_main_contact)
    role = roles[0] if roles else None
    return {
        "person": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "language": person.language or "de",
        "organisation_name": role.organisation.name if role else "",
        "position": getattr(role, "position", "") if role else "",
    }


CHECKIN_EARLY = timedelta(days=1)


def checkin_timing(event: Event, *, now: datetime | None = None) -> str:
    """ "early" when the door list is opened more than a day before the event starts, "late"
    after it ended, else "" (the check-in page warns in the first two cases)."""
    now = now or timezone.now()
    if now < event.starts_at - CHECKIN_EARLY:
        return "early"
    if now > event.ends_at:
        return "late"
    return ""
