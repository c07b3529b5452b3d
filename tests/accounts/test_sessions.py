"""Session rules: logout, deactivation and password change end sessions; staff time limits."""

import time
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from innonet.accounts.middleware import SESSION_SEEN, SESSION_STARTED
from tests.accounts.helpers import (
    client_with_session,
    post_login,
    session_cookie,
    signed_in_user_id,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE_PAGE = "/accounts/tokens/"
NEW_PASSWORD = "Ganz-neues-Passwort-2025"


def signed_in(email: str) -> Client:
    client = Client()
    post_login(client, email, PASSWORD)
    assert signed_in_user_id(client) is not None
    return client


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_logout_ends_the_session_for_good():
    user = UserFactory(role="member")
    client = signed_in(user.email)
    old_key = session_cookie(client)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert is_login_redirect(client.get(PRIVATE_PAGE))
    assert is_login_redirect(client_with_session(old_key).get(PRIVATE_PAGE))


def test_logout_by_get_asks_first_and_changes_nothing():
    user = UserFactory(role="member")
    client = signed_in(user.email)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert "base.html" in [t.name for t in page.templates]
    assert client.get(PRIVATE_PAGE).status_code == 200


def test_deactivating_a_user_ends_their_sessions():
    user = UserFactory(role="member")
    client = signed_in(user.email)
    assert client.get(PRIVATE_PAGE).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert is_login_redirect(client.get(PRIVATE_PAGE))


def test_password_change_ends_other_sessions_but_keeps_this_one():
    user = UserFactory(role="member")
    here = signed_in(user.email)
    elsewhere = signed_in(user.email)
    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert here.get(PRIVATE_PAGE).status_code == 200
    assert is_login_redirect(elsewhere.get(PRIVATE_PAGE))


def test_password_change_with_bad_input_changes_nothing():
    user = UserFactory(role="member")
    client = signed_in(user.email)
    for data in (
        {"oldpassword": "falsch-falsch", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
        {"oldpassword": PASSWORD, "password1": "kurz", "password2": "kurz"},
        {"oldpassword": PASSWORD, "password1": "", "password2": ""},
    ):
        response = client.post(reverse("account_change_password"), data)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert '<div class="invalid-feedback d-block"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def shift_session(client: Client, **ages_in_seconds: float) -> None:
    session = client.session
    now = time.time()
    for key, age in ages_in_seconds.items():
        session[key] = now - age
    session.save()


def test_staff_idle_timeout_redirects_to_login(staff_client, settings):
    assert staff_client.get("/").status_code == 200
    shift_session(staff_client, **{SESSION_SEEN: settings.STAFF_IDLE_TIMEOUT_MINUTES * 60 + 60})
    response = staff_client.get(PRIVATE_PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?{urlencode({'next': PRIVATE_PAGE})}"
    assert signed_in_user_id(staff_client) is None


def test_staff_activity_keeps_the_session(staff_client, settings):
    staff_client.get("/")
    shift_session(staff_client, **{SESSION_SEEN: settings.STAFF_IDLE_TIMEOUT_MINUTES * 60 - 120})
    assert staff_client.get(PRIVATE_PAGE).status_code == 200


def test_staff_absolute_timeout_redirects_to_login_despite_activity(staff_client, settings):
    staff_client.get("/")
    shift_session(
        staff_client,
        **{SESSION_STARTED: settings.STAFF_SESSION_MAX_HOURS * 3600 + 60, SESSION_SEEN: 5},
    )
    response = staff_client.get(PRIVATE_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert signed_in_user_id(staff_client) is None


def test_idle_limit_is_for_staff_only(client_for, member_user, settings):
    client = client_for(member_user)
    client.get("/")
    shift_session(client, **{SESSION_SEEN: settings.STAFF_IDLE_TIMEOUT_MINUTES * 60 + 60})
    assert client.get(PRIVATE_PAGE).status_code == 200
