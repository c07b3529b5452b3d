"""Demo matchmaking: cooperation profiles of every kind and state, rated suggestions,
introductions with their histories and contact-log entries, projects that came from them."""

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from innonet.accounts.models import User
from innonet.core import permissions
from innonet.matching import search_index
from innonet.matching.models import (
    CooperationProfile,
    Introduction,
    IntroductionStatus,
    ProfileKind,
    ProfileStatus,
    Rating,
    Suggestion,
    Visibility,
)
from innonet.matching.queries import who_can_help
from innonet.partners.models import Affiliation, Consent, Interaction
from innonet.partners.models.consents import ConsentPurpose
from innonet.projects.models import InnovationProject

from .conftest import demo_loaded_once

pytestmark = pytest.mark.django_db
SEED = 6


@pytest.fixture(autouse=True)
def fresh_index():
    search_index.forget()
    yield
    search_index.forget()


loaded = demo_loaded_once(seed=SEED)


def test_profiles_of_every_kind_state_and_visibility(loaded):
    today = timezone.localdate()
    profiles = CooperationProfile.objects.all()
    assert loaded["profiles"] == profiles.count() == 30
    assert set(profiles.values_list("kind", flat=True)) == set(ProfileKind.values)
    assert set(profiles.values_list("visibility", flat=True)) == set(Visibility.values)
    published = profiles.filter(status=ProfileStatus.PUBLISHED)
    assert profiles.filter(status=ProfileStatus.DRAFT).count() >= 2
    assert profiles.filter(status=ProfileStatus.WITHDRAWN).count() == 1
    assert published.filter(valid_until__lt=today).count() == 2
    soon = published.filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=30))
    assert soon.count() >= 3
    assert profiles.active().count() >= 20
    assert {p.network.slug for p in profiles.select_related("network")} >= {
        "agrotech-weser-ems",
        "energienetzwerk-osnabruecker-land",
        "maritimes-netzwerk-nordwest",
    }
    for profile in profiles.annotate(
        n_competences=Count("competences", distinct=True), n_ris3=Count("ris3_fields")
    ):
        assert profile.n_competences and profile.n_ris3, profile.title
        assert Affiliation.objects.filter(
            person=profile.contact_id, organisation=profile.organisation_id
        ).exists(), profile.title
        assert profile.search_text


def test_introductions_have_histories_and_contact_log_entries(loaded):
    introductions = Introduction.objects.prefetch_related("outcomes")
    assert loaded["introductions"] == introductions.count() == 12
    reached = set(introductions.values_list("status", flat=True))
    assert reached >= {"planned", "introduced", "met", "cooperating", "project"}
    for introduction in introductions:
        history = list(introduction.outcomes.all())
        assert history[0].status == IntroductionStatus.PLANNED
        assert history[-1].status == introduction.status
        moments = [row.recorded_at for row in history]
        assert moments == sorted(moments) and moments[-1] <= timezone.now()
        logged = Interaction.objects.filter(kind="introduction", topic=introduction.topic)
        if introduction.status == IntroductionStatus.PLANNED:
            assert introduction.introduced_on is None
        else:
            assert introduction.introduced_on is not None
            sides = {introduction.first_organisation_id, introduction.second_organisation_id}
            assert sides <= set(logged.values_list("organisation_id", flat=True))


def test_projects_that_came_from_matchmaking(loaded):
    assert loaded["projects_from_matchmaking"] == 5
    from_introductions = InnovationProject.objects.filter(origin_introduction__isnull=False)
    assert from_introductions.count() == 3
    for project in from_introductions.select_related("origin_introduction"):
        introduction = project.origin_introduction
        assert introduction.status == IntroductionStatus.PROJECT_STARTED
        partners = set(project.partners.values_list("organisation_id", flat=True))
        assert {introduction.first_organisation_id, introduction.second_organisation_id} <= partners
    from_profiles = InnovationProject.objects.filter(origin_profile__isnull=False)
    assert from_profiles.count() == 2
    assert set(from_profiles.values_list("origin_profile__status", flat=True)) == {"published"}


def test_staff_rated_suggestions_good_and_bad(loaded):
    rated = Suggestion.objects.exclude(rating=Rating.NONE)
    assert loaded["suggestions"] == rated.count() >= 15
    assert rated.filter(rating=Rating.GOOD).count() >= 8
    assert rated.filter(rating=Rating.BAD).count() >= 3
    assert set(rated.values_list("rated_by__role", flat=True)) == {"staff"}
    for suggestion in rated.filter(rating=Rating.GOOD).select_related("source_profile"):
        assert suggestion.source_key == f"p:{suggestion.source_profile_id}"
        assert suggestion.document_id == f"o:{suggestion.organisation_id}"
        assert suggestion.reasons["competences"]


def test_the_member_finds_partners_and_profiles(loaded):
    public = Consent.objects.filter(purpose=ConsentPurpose.PUBLIC_PROFILE, granted=True)
    assert public.values("organisation").distinct().count() >= 20
    member = User.objects.get(email="mitglied@innonet.example")
    answer = who_can_help(member, "Bodenfeuchte mit Sensorik im Feld messen, LoRaWAN")
    assert len(answer.matches) >= 3
    seen = permissions.visible(member, CooperationProfile.objects.all())
    others = seen.exclude(organisation=member.organisation)
    assert others.active().count() >= 10
    assert seen.filter(organisation=member.organisation, status=ProfileStatus.DRAFT).exists()


def matchmaking_snapshot() -> list:
    profiles = CooperationProfile.objects.order_by("title").values_list(
        "title", "organisation__name", "status", "valid_until", "contact__email"
    )
    introductions = Introduction.objects.order_by("topic", "first_organisation__name")
    return [
        list(profiles),
        list(introductions.values_list("topic", "first_organisation__name", "status")),
        sorted(Suggestion.objects.values_list("source_profile__title", "organisation__name")),
    ]
