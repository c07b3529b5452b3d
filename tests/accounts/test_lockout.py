"""Lockout after repeated failures: per account, per address, not dodged by spoofed headers."""

import time
import types

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.utils import translation

from tests.accounts.helpers import form_errors, post_login, signed_in_user_id
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT = 10  # RELIABILITY.md item 4
WRONG = "falsch-falsch-falsch"


def locked_message() -> str:
    with translation.override("de"):
        return str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])


def no_headers(i: int) -> dict:
    return {}


def fail(client, email: str, times: int, headers=no_headers) -> None:
    """`times` failed sign-ins; `headers(i)` gives the extra headers of the i-th try."""
    for i in range(times):
        response = post_login(client, email, WRONG, **headers(i))
        assert response.status_code == 200
        assert signed_in_user_id(client) is None


def spoofed(i: int) -> dict:
    return {"HTTP_X_FORWARDED_FOR": f"203.0.113.{i + 1}", "HTTP_X_REAL_IP": f"198.51.100.{i}"}


def test_ten_failures_lock_the_account_even_for_the_right_password(client):
    user = UserFactory(role="member")
    fail(client, user.email, ACCOUNT_LIMIT)
    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert locked_message() in form_errors(response)
    assert signed_in_user_id(client) is None


def test_nine_failures_do_not_lock(client):
    user = UserFactory(role="member")
    fail(client, user.email, ACCOUNT_LIMIT - 1)
    post_login(client, user.email, PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)


def test_lock_ignores_the_case_of_the_address(client):
    UserFactory(role="member", email="gross.klein@beispiel.de")
    fail(client, "GROSS.klein@beispiel.de", ACCOUNT_LIMIT)
    response = post_login(client, "gross.klein@beispiel.de", PASSWORD)
    assert locked_message() in form_errors(response)


def test_the_lock_expires(client, monkeypatch):
    user = UserFactory(role="member")
    fail(client, user.email, ACCOUNT_LIMIT)
    assert locked_message() in form_errors(post_login(client, user.email, PASSWORD))

    later = time.time() + 16 * 60  # the window is 15 minutes
    fake_time = types.SimpleNamespace(
        time=lambda: later, monotonic=time.monotonic, sleep=time.sleep
    )
    monkeypatch.setattr(ratelimit, "time", fake_time)
    post_login(client, user.email, PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)


def test_spoofed_forwarded_for_does_not_dodge_the_account_lock(client, settings):
    settings.TRUSTED_PROXIES = 0
    user = UserFactory(role="member")
    fail(client, user.email, ACCOUNT_LIMIT, headers=spoofed)
    response = post_login(client, user.email, PASSWORD, **spoofed(99))
    assert locked_message() in form_errors(response)


def test_lock_is_per_account_until_the_address_limit(client, settings):
    settings.TRUSTED_PROXIES = 0
    victim = UserFactory(role="member")
    other = UserFactory(role="member")
    fail(client, victim.email, ACCOUNT_LIMIT)
    assert locked_message() in form_errors(post_login(client, victim.email, PASSWORD))

    post_login(client, other.email, PASSWORD)  # same address, other account: still fine
    assert signed_in_user_id(client) == str(other.pk)
    client.post("/accounts/logout/")

    # Spraying many addresses from one client hits the per-address limit, spoofed or not.
    ip_limit = ratelimit.parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])[0]
    assert ip_limit.per == "ip"
    used = ACCOUNT_LIMIT + 1
    for i in range(ip_limit.amount - used):
        post_login(client, f"niemand{i}@beispiel.de", WRONG, **spoofed(i))
    response = post_login(client, other.email, PASSWORD, **spoofed(200))
    assert locked_message() in form_errors(response)
    assert signed_in_user_id(client) is None


def test_failures_from_another_address_count_for_the_same_account(settings):
    from django.test import Client

    user = UserFactory(role="member")
    for i in range(ACCOUNT_LIMIT):
        post_login(Client(REMOTE_ADDR=f"192.0.2.{i + 1}"), user.email, WRONG)
    attacker = Client(REMOTE_ADDR="192.0.2.200")
    assert locked_message() in form_errors(post_login(attacker, user.email, PASSWORD))


def test_another_host_header_does_not_dodge_the_account_lock(client):
    user = UserFactory(role="member")
    fail(client, user.email, ACCOUNT_LIMIT, headers=lambda i: {"HTTP_HOST": f"testserver:{i + 1}"})
    response = post_login(client, user.email, PASSWORD)
    assert locked_message() in form_errors(response)
