"""Factories of the newsletter: subscriptions, their consent log, issues."""

import factory
from django.utils import timezone

from innonet.content.models import (
    CONSENT_TEXT_VERSION,
    ConsentSource,
    Issue,
    Subscription,
    SubscriptionAction,
    SubscriptionEvent,
    SubscriptionStatus,
)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed subscription (tests of the sign-up go through the service instead)."""

    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"leserin{n}@beispiel.de")
    name = factory.Sequence(lambda n: f"Leserin {n}")
    language = "de"
    status = SubscriptionStatus.ACTIVE
    confirmed_at = factory.LazyFunction(timezone.now)


class SubscriptionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubscriptionEvent

    subscription = factory.SubFactory(SubscriptionFactory)
    action = SubscriptionAction.CONFIRMED
    source = ConsentSource.LINK
    text_version = CONSENT_TEXT_VERSION


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    subject = factory.Sequence(lambda n: f"Netzwerk-Newsletter {n}")
    introduction = "Liebe Leserinnen und Leser,\n\nhier sind die Neuigkeiten des Monats."
