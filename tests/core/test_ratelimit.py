"""Per-user limits for expensive work (RELIABILITY item 32)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from innonet.core.ratelimit import UserScopedThrottle, parse_rate, rate_limited

pytestmark = pytest.mark.django_db


@rate_limited("matching")
def expensive(request):
    return HttpResponse("ok")


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/abgleich/")
    request.user = user
    request.session = SessionStore()
    return request


@pytest.fixture
def small_limit(settings):
    cache.clear()
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, "matching": "3/min"}


def test_parse_rate():
    assert parse_rate("30/min") == (30, 60)
    assert parse_rate("20/hour") == (20, 3600)
    assert parse_rate("5/s") == (5, 1)


def test_the_fourth_request_in_a_minute_gets_429_with_retry_after(small_limit, member_user):
    with translation.override("en"):
        answers = [expensive(_request(member_user)) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 61
    assert "<h1>Too many requests</h1>" in answers[-1].content.decode()


def test_each_user_has_a_budget_of_their_own(small_limit, member_user, other_member_user):
    for _ in range(3):
        expensive(_request(member_user))

    assert expensive(_request(member_user)).status_code == 429
    assert expensive(_request(other_member_user)).status_code == 200


def test_spoofed_forwarded_addresses_do_not_reset_the_budget(small_limit, member_user):
    for n in range(3):
        request = _request(member_user)
        request.META["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{n}"
        expensive(request)

    request = _request(member_user)
    request.META["HTTP_X_FORWARDED_FOR"] = "10.9.9.9"
    assert expensive(request).status_code == 429


def test_methods_not_listed_are_not_counted(small_limit, member_user):
    limited_posts = rate_limited("matching", methods=("POST",))(lambda request: HttpResponse())
    for _ in range(5):
        assert limited_posts(_request(member_user)).status_code == 200


def test_anonymous_requests_count_per_address_whatever_the_session(small_limit):
    """A visitor cannot start afresh by dropping the session cookie."""
    for _ in range(3):
        request = _request(AnonymousUser())
        request.session.create()
        assert expensive(request).status_code == 200
    request = _request(AnonymousUser())
    assert expensive(request).status_code == 429
    other = _request(AnonymousUser())
    other.META["REMOTE_ADDR"] = "192.0.2.99"
    assert expensive(other).status_code == 200


def test_the_api_throttle_reads_the_same_rates(settings):
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, "consortium": "7/min"}
    throttle = UserScopedThrottle()
    throttle.scope = "consortium"

    assert throttle.get_rate() == "7/min"


@pytest.fixture
def small_export_limits(settings):
    cache.clear()
    settings.USER_RATE_LIMITS = {
        **settings.USER_RATE_LIMITS,
        "export": "2/hour",
        "import": "1/hour",
    }


def test_exports_are_limited_per_user(small_export_limits, staff_client, client_for, board_user):
    url = reverse("partners:organisation_export", kwargs={"fmt": "csv"})

    answers = [staff_client.get(url).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert client_for(board_user).get(url).status_code == 200, "the board has its own budget"


def test_refused_requests_do_not_use_the_budget(small_export_limits, client_for, member_user):
    url = reverse("partners:organisation_export", kwargs={"fmt": "csv"})
    member = client_for(member_user)

    assert [member.get(url).status_code for _ in range(3)] == [403, 403, 403]


def test_imports_are_limited_per_user(small_export_limits, staff_client):
    url = reverse("partners:import_create")

    first = staff_client.post(url, {})
    second = staff_client.post(url, {})

    assert first.status_code == 400  # the form explains what is missing
    assert second.status_code == 429
    assert staff_client.get(url).status_code == 200, "showing the form is not an import"
