"""Factories of the meeting marketplace (tests/test_factories.py finds every model's)."""

from datetime import timedelta

import factory

from innonet.meetings.models import Marketplace, MeetingRequest, Participant, Slot, Table
from tests.factories import EventFactory, RegistrationFactory


class MarketplaceFactory(factory.django.DjangoModelFactory):
    """An open marketplace of a published event a week ahead."""

    class Meta:
        model = Marketplace

    event = factory.SubFactory(EventFactory)


class SlotFactory(factory.django.DjangoModelFactory):
    """A 20-minute meeting slot at the event's start."""

    class Meta:
        model = Slot

    marketplace = factory.SubFactory(MarketplaceFactory)
    starts_at = factory.LazyAttribute(lambda o: o.marketplace.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=20))


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table

    marketplace = factory.SubFactory(MarketplaceFactory)
    name = factory.Sequence(lambda n: f"Tisch {n + 1}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A confirmed registration of the marketplace's event with a published profile."""

    class Meta:
        model = Participant

    marketplace = factory.SubFactory(MarketplaceFactory)
    registration = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..marketplace.event")
    )
    name = factory.LazyAttribute(lambda o: str(o.registration))
    headline = "Sensorik für die Landwirtschaft"


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    marketplace = factory.SubFactory(MarketplaceFactory)
    requester = factory.SubFactory(
        ParticipantFactory, marketplace=factory.SelfAttribute("..marketplace")
    )
    recipient = factory.SubFactory(
        ParticipantFactory, marketplace=factory.SelfAttribute("..marketplace")
    )
    message = "Gern zehn Minuten zu Bodensensoren."
