"""Visitors answer a public cooperation profile: it reaches the office (stored, listed), only
with consent, only for public active profiles, rate-limited, and bad input never half-writes."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from innonet.core.errors import DomainError
from innonet.matching.models import ProfileResponse, ProfileResponseStatus, Visibility
from innonet.matching.models.responses import RESPONSE_CONSENT_VERSION
from innonet.matching.services.responses import profile_response_create
from tests.core.test_nasty_input import FORM, encode_form
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db

ANSWER = {
    "name": "Vera Besucherin",
    "email": "vera@beispiel.de",
    "organisation_name": "Beispiel GmbH",
    "message": "Wir haben genau solche Sensoren im Einsatz.",
    "consent": "on",
}


@pytest.fixture
def profile():
    return ProfileFactory(title="LoRaWAN-Gateways gesucht", visibility=Visibility.PUBLIC)


def respond(profile) -> str:
    return reverse("matching:profile_respond", kwargs={"pk": profile.pk})


def test_a_visitor_sees_the_form_on_the_public_profile(client, profile):
    content = client.get(reverse("matching:profile_detail", kwargs={"pk": profile.pk}))
    assert respond(profile) in content.content.decode()


def test_the_answer_reaches_the_office(client, profile, staff_client):
    response = client.post(respond(profile), ANSWER)
    assert response.status_code == 302
    stored = ProfileResponse.objects.get()
    assert (stored.profile, stored.email, stored.status) == (
        profile,
        "vera@beispiel.de",
        ProfileResponseStatus.OPEN,
    )
    assert stored.consent_version == RESPONSE_CONSENT_VERSION and stored.consented_at
    listed = staff_client.get(reverse("matching:profile_response_list")).content.decode()
    assert "Vera Besucherin" in listed and "LoRaWAN-Gateways gesucht" in listed
    staff_client.post(reverse("matching:profile_response_done", kwargs={"pk": stored.pk}))
    stored.refresh_from_db()
    assert stored.status == ProfileResponseStatus.DONE


def test_without_consent_nothing_is_stored(client, profile):
    response = client.post(respond(profile), {**ANSWER, "consent": ""})
    assert response.status_code == 200
    assert 'id="id_consent_error"' in response.content.decode()
    assert not ProfileResponse.objects.exists()
    with pytest.raises(DomainError):
        profile_response_create(profile, name="A", email="a@b.de", message="Hallo", consent=False)
    assert not ProfileResponse.objects.exists()


@pytest.mark.parametrize("case", ["network only", "draft", "expired"])
def test_only_public_active_profiles_can_be_answered(client, case):
    if case == "network only":
        profile = ProfileFactory(visibility=Visibility.NETWORK)
    elif case == "draft":
        profile = ProfileFactory(visibility=Visibility.PUBLIC, status="draft")
    else:
        profile = ProfileFactory(
            visibility=Visibility.PUBLIC, valid_until=timezone.localdate() - timedelta(days=1)
        )
    assert client.get(respond(profile)).status_code == 404
    assert client.post(respond(profile), ANSWER).status_code == 404
    with pytest.raises(DomainError):
        profile_response_create(profile, name="A", email="a@b.de", message="Hallo", consent=True)
    assert not ProfileResponse.objects.exists()


@pytest.mark.parametrize("field", ["name", "email", "message"])
def test_required_fields(client, profile, field):
    response = client.post(respond(profile), {**ANSWER, field: ""})
    assert response.status_code == 200
    assert not ProfileResponse.objects.exists()


@pytest.mark.parametrize("nasty", NASTY_STRINGS)
def test_hostile_input_never_500_and_never_half_writes(client, profile, nasty):
    data = {**ANSWER, "name": nasty, "organisation_name": nasty, "message": nasty}
    response = client.post(respond(profile), encode_form(data), content_type=FORM)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert_no_raw_markers(response.content.decode())
        assert not ProfileResponse.objects.exists()
    else:
        stored = ProfileResponse.objects.get()
        assert "\x00" not in stored.message and "\r" not in stored.name


@pytest.mark.parametrize(
    "email", ["keine-adresse", "a@b", "x" * 300 + "@b.de", "a@b.de\r\nBcc: c@d.de"]
)
def test_bad_addresses_are_refused(client, profile, email):
    response = client.post(respond(profile), encode_form({**ANSWER, "email": email}),
                           content_type=FORM)  # fmt: skip
    assert response.status_code == 200
    assert not ProfileResponse.objects.exists()


def test_posting_a_status_or_consent_version_changes_nothing(client, profile):
    client.post(
        respond(profile),
        {**ANSWER, "status": "done", "consent_version": "forged", "profile": 999},
    )
    stored = ProfileResponse.objects.get()
    assert stored.status == ProfileResponseStatus.OPEN
    assert stored.consent_version == RESPONSE_CONSENT_VERSION and stored.profile == profile


def test_visitors_are_rate_limited_per_address(client, profile, settings):
    cache.clear()
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, "contact": "2/hour"}
    for _ in range(2):
        assert client.post(respond(profile), ANSWER).status_code == 302
    client.cookies.clear()  # a fresh session does not start afresh
    response = client.post(respond(profile), ANSWER)
    assert response.status_code == 429 and response["Retry-After"]
    assert ProfileResponse.objects.count() == 2


def test_members_and_the_board_cannot_handle_answers(client_for, member_user, board_user,
                                                     profile):  # fmt: skip
    stored = profile_response_create(
        profile, name="Vera", email="vera@beispiel.de", message="Hallo", consent=True
    )
    done = reverse("matching:profile_response_done", kwargs={"pk": stored.pk})
    for user in (member_user, board_user):
        assert client_for(user).post(done).status_code == 403
    stored.refresh_from_db()
    assert stored.status == ProfileResponseStatus.OPEN
