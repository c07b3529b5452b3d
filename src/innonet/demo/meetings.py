"""A meeting marketplace at one coming event: slots with a break, tables and an online room,
published profiles of participants from several organisations, the demo member taking part
with requests in and out, and a plan built by the scheduler."""

import random
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from innonet.accounts.models import User
from innonet.events.models import Event, EventStatus, RegistrationStatus
from innonet.meetings import services
from innonet.meetings.models import Marketplace, Participant, SlotKind, TableKind
from innonet.networks.models import Network

from .logins import DEMO_DOMAIN

OTHERS = 9


def _event(networks: dict[str, Network]) -> Event | None:
    """One of the coming events the start pages list, preferring one the agri-tech network
    co-organises so its manager runs the marketplace too."""
    coming = list(
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now()).order_by(
            "starts_at", "pk"
        )[:5]
    )  # the events the start pages list
    agrar = networks.get("agrar")
    for event in coming:
        if agrar is not None and event.co_organisers.filter(pk=agrar.pk).exists():
            return event
    return coming[0] if coming else None


def _slots(marketplace: Marketplace) -> None:
    start = marketplace.event.starts_at
    for n, minutes in enumerate((20, 20, 10, 20, 20, 20)):
        kind = SlotKind.BREAK if n == 2 else SlotKind.MEETING
        services.slot_add(
            marketplace,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            kind=kind,
            acting_user=None,
        )
        start += timedelta(minutes=minutes)
    for n in range(1, 5):
        services.table_add(marketplace, name=f"Tisch {n}", acting_user=None)
    services.table_add(
        marketplace,
        name="Online-Raum 1",
        kind=TableKind.ONLINE,
        link="https://treffen.innonet.example/raum-1",
        acting_user=None,
    )


def _member(marketplace: Marketplace) -> Participant | None:
    user = User.objects.filter(email=f"mitglied@{DEMO_DOMAIN}").first()
    if user is None:
        return None
    event = marketplace.event
    registration = event.registrations.filter(Q(user=user) | Q(email=user.email)).first()
    if registration is None:
        name = (user.full_name or "Tobias Schulte").split(" ", 1)
        registration = event.registrations.create(
            first_name=name[0], last_name=name[-1], email=user.email, user=user,
            organisation=user.organisation, status=RegistrationStatus.CONFIRMED,
            confirmed_at=timezone.now(), source="member",
            organisation_name=user.organisation.name if user.organisation else "",
        )  # fmt: skip
    elif registration.status != RegistrationStatus.CONFIRMED or registration.user_id is None:
        registration.status, registration.user = RegistrationStatus.CONFIRMED, user
        registration.save(update_fields=["status", "user"])
    participant = services.participant_join(marketplace, user=user)
    return services.participant_update(
        participant,
        headline=participant.headline,
        offers=participant.offers,
        seeks=participant.seeks,
        published=True,
        acting_user=user,
    )


def _others(marketplace: Marketplace, rng: random.Random, skip: Participant | None) -> list:
    """Confirmed registrants of other organisations, with profiles from their cooperation
    profiles (the platform adds them as if they had joined)."""
    rows = (
        marketplace.event.registrations.filter(
            status=RegistrationStatus.CONFIRMED, organisation__isnull=False
        )
        .exclude(organisation_id=getattr(skip, "organisation_id", None))
        .select_related("organisation")
        .order_by("pk")
    )
    seen, found = set(), []
    for registration in rows:
        if registration.organisation_id in seen:
            continue
        seen.add(registration.organisation_id)
        values = services.prefill(registration)
        found.append(
            Participant.objects.create(
                marketplace=marketplace,
                registration=registration,
                organisation=registration.organisation,
                name=f"{registration.first_name} {registration.last_name}",
                organisation_name=registration.organisation.name,
                headline=values["headline"] or registration.organisation.name,
                offers=values["offers"],
                seeks=values["seeks"],
                published=True,
            )
        )
        if len(found) == OTHERS:
            break
    return found


def _ask(requester, recipient) -> Any:
    from innonet.meetings.models import MeetingRequest

    return MeetingRequest.objects.create(
        marketplace=requester.marketplace, requester=requester, recipient=recipient,
        message="Wir würden uns gern zu einer möglichen Zusammenarbeit austauschen.",
    )  # fmt: skip


def _leave_places_free(event: Event) -> None:
    """The member's demo registration may take the last place: a matchmaking event of the demo
    keeps places open, so a visitor can still register rather than join a waiting list."""
    if event.registrations.filter(status=RegistrationStatus.WAITING).exists():
        return  # places freed now would belong to those waiting (the events services' rule)
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if event.capacity is not None and confirmed + 10 > event.capacity:
        event.capacity = confirmed + 10
        event.save(update_fields=["capacity"])


def write_meetings(*, seed: int, networks: dict[str, Network]) -> dict:
    if Marketplace.objects.exists():
        return {"marketplaces": Marketplace.objects.count()}
    event = _event(networks)
    if event is None:
        return {"marketplaces": 0}
    rng = random.Random(f"{seed}:meetings")  # noqa: S311 - demo data
    marketplace = services.marketplace_open(event, acting_user=None)
    _slots(marketplace)
    member = _member(marketplace)
    _leave_places_free(event)
    others = _others(marketplace, rng, member)
    requests = []
    for first in others:
        for second in rng.sample(others, min(3, len(others))):
            if first.pk < second.pk:
                requests.append(_ask(first, second))
    if member is not None and len(others) >= 3:
        requests += [_ask(others[0], member), _ask(others[1], member), _ask(member, others[2])]
    for request in requests[:-2]:  # the newest two wait for an answer
        request.status = "accepted"
        request.answered_at = timezone.now()
        request.save(update_fields=["status", "answered_at"])
    services.plan_build(marketplace.pk)
    return {"marketplaces": 1, "meeting_requests": len(requests)}
