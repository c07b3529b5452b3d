"""A small marketplace to test with: an event a week ahead, slots, tables and participants
who are members of different organisations with confirmed registrations."""

from datetime import timedelta

from django.utils import timezone

from innonet.meetings import services
from innonet.meetings.models import SlotKind, TableKind
from tests.factories import EventFactory, RegistrationFactory, UserFactory


def marketplace_for(event=None, *, office=None, slots=3, tables=2, breaks=(), **settings):
    """An open marketplace with `slots` meeting slots of 30 minutes (a break after each index
    in `breaks`) and `tables` tables; `office=None` acts as the platform."""
    event = event or EventFactory(
        starts_at=timezone.now().replace(microsecond=0) + timedelta(days=7),
        ends_at=timezone.now().replace(microsecond=0) + timedelta(days=7, hours=6),
    )
    marketplace = services.marketplace_open(event, acting_user=office)
    if settings:
        values = {
            "is_open": True,
            "request_deadline": None,
            "time_zone": marketplace.time_zone,
            "max_requests": marketplace.max_requests,
            **settings,
        }
        marketplace = services.marketplace_update(marketplace, acting_user=office, **values)
    start = event.starts_at
    for n in range(slots):
        services.slot_add(
            marketplace,
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
            acting_user=office,
        )
        start += timedelta(minutes=30)
        if n in breaks:
            services.slot_add(
                marketplace,
                starts_at=start,
                ends_at=start + timedelta(minutes=15),
                kind=SlotKind.BREAK,
                acting_user=office,
            )
            start += timedelta(minutes=15)
    for n in range(tables):
        services.table_add(
            marketplace, name=f"Tisch {n + 1}", kind=TableKind.TABLE, acting_user=office
        )
    return marketplace


def join(marketplace, user=None, *, publish=True, headline="Sensorik für den Acker"):
    """A member with a confirmed registration who joins (and publishes) a profile."""
    user = user or UserFactory()
    RegistrationFactory(
        event=marketplace.event,
        email=user.email,
        user=user,
        organisation=user.organisation,
        first_name="Erika",
        last_name=f"Muster{user.pk}",
    )
    participant = services.participant_join(marketplace, user=user)
    if publish:
        participant = services.participant_update(
            participant, headline=headline, published=True, acting_user=user
        )
    return participant


def accepted(requester, recipient):
    request = services.request_create(
        requester=requester, recipient=recipient, acting_user=requester.user
    )
    return services.request_answer(request, accept=True, acting_user=recipient.user)
