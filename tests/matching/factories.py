"""Factories of the matchmaking tests (German texts)."""

from datetime import timedelta

import factory
from django.utils import timezone

from innonet.matching.models import CooperationProfile, ProfileKind, ProfileStatus, Visibility
from tests.factories import OrganisationFactory, host_network


class ProfileFactory(factory.django.DjangoModelFactory):
    """A published technology request of the host network, valid for 90 more days."""

    class Meta:
        model = CooperationProfile
        skip_postgeneration_save = True

    kind = ProfileKind.TECHNOLOGY_REQUEST
    organisation = factory.SubFactory(OrganisationFactory)
    network = factory.LazyFunction(host_network)
    title = factory.Sequence(lambda n: f"Bodenfeuchtesensoren für den Feldversuch {n}")
    summary = "Wir suchen Sensorik, die Bodenfeuchte im Acker misst und per Funk meldet."
    keywords = "Agrarsensorik, LoRaWAN"
    status = ProfileStatus.PUBLISHED
    visibility = Visibility.NETWORK
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
