"""Factories of the matchmaking tests (German texts)."""

from datetime import timedelta

import factory
from django.utils import timezone

from innonet.matching.models import (
    CooperationProfile,
    InterestRequest,
    Introduction,
    IntroductionOutcome,
    ProfileKind,
    ProfileResponse,
    ProfileStatus,
    Question,
    Suggestion,
    Visibility,
)
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


class IntroductionFactory(factory.django.DjangoModelFactory):
    """A planned introduction between two organisations."""

    class Meta:
        model = Introduction

    first_organisation = factory.SubFactory(OrganisationFactory)
    second_organisation = factory.SubFactory(OrganisationFactory)
    topic = "Gemeinsamer Feldversuch Bodenfeuchte"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntroductionOutcome

    introduction = factory.SubFactory(IntroductionFactory)
    status = "introduced"


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A rated result of a free-text idea."""

    class Meta:
        model = Suggestion

    question = Question.IDEA
    source_key = factory.Sequence(lambda n: f"q:idee{n}")
    query_text = "Sensorik für Bodenfeuchte"
    organisation = factory.SubFactory(OrganisationFactory)
    document_id = factory.LazyAttribute(lambda o: f"o:{o.organisation.pk}")
    score = 1.0


class InterestRequestFactory(factory.django.DjangoModelFactory):
    """A member's open request to be introduced to another organisation."""

    class Meta:
        model = InterestRequest

    organisation = factory.SubFactory(OrganisationFactory)
    target_organisation = factory.SubFactory(OrganisationFactory)
    topic = "LoRaWAN-Gateways gesucht"


class ProfileResponseFactory(factory.django.DjangoModelFactory):
    """A visitor's open answer to a public cooperation profile, with the consent given."""

    class Meta:
        model = ProfileResponse

    profile = factory.SubFactory(ProfileFactory, visibility=Visibility.PUBLIC)
    name = "Jana Vogt"
    email = factory.Sequence(lambda n: f"jana.vogt{n}@beispiel.de")
    message = "Wir haben Interesse an einem Gespräch."
    consent_version = "profil-antwort-2026-12"
    consented_at = factory.LazyFunction(timezone.now)
