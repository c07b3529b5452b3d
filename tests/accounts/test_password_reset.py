"""Password reset by mail: a working link, no account enumeration, no sign-in, no MFA skip."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from tests.accounts.helpers import post_code, post_login, signed_in_user_id, totp_code
from tests.factories import UserFactory, add_totp

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Neues-Passwort-fuer-Tests-7"
RESET_LINK = re.compile(r"https?://\S+/accounts/password/reset/key/\S+")


def request_reset(client, email: str):
    """Ask for a reset; the mail leaves the outbox when the request's work commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("account_reset_password"), {"email": email})


def reset_link(message) -> str:
    match = RESET_LINK.search(message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def follow_reset_link(client, path: str, password: str = NEW_PASSWORD):
    """Open the link (allauth moves the key into the session) and set a new password."""
    response = client.get(path)
    form_url = response["Location"] if response.status_code == 302 else path
    page = client.get(form_url)
    assert page.status_code == 200
    assert page.context["form"] is not None
    return client.post(form_url, {"password1": password, "password2": password})


def test_reset_mail_has_a_working_link(client):
    user = UserFactory(role="member")
    response = request_reset(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    done = follow_reset_link(client, reset_link(mail.outbox[0]))
    assert done.status_code == 302
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reset_link_works_only_once(client):
    user = UserFactory(role="member")
    request_reset(client, user.email)
    path = reset_link(mail.outbox[0])
    follow_reset_link(client, path)
    again = client.get(path, follow=True)
    assert again.context["token_fail"] is True
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_known_and_unknown_addresses_get_the_same_answer(client):
    UserFactory(role="member", email="bekannt@beispiel.de")
    known = request_reset(client, "bekannt@beispiel.de")
    unknown = request_reset(client, "unbekannt@beispiel.de")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The unknown address gets a note instead of a link, so the reply reveals nothing.
    links = [m for m in mail.outbox if RESET_LINK.search(m.body)]
    assert [m.to for m in links] == [["bekannt@beispiel.de"]]
    assert all(
        not RESET_LINK.search(m.body) for m in mail.outbox if m.to == ["unbekannt@beispiel.de"]
    )


def test_bad_new_password_is_refused_and_the_old_one_kept(client, password):
    user = UserFactory(role="member")
    request_reset(client, user.email)
    response = follow_reset_link(client, reset_link(mail.outbox[0]), password="kurz")
    assert response.status_code == 200
    assert response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(password)


def test_reset_does_not_sign_in(client):
    user = UserFactory(role="member")
    request_reset(client, user.email)
    follow_reset_link(client, reset_link(mail.outbox[0]))
    assert signed_in_user_id(client) is None
    assert client.get(reverse("accounts:token_list")).status_code == 302


def test_reset_does_not_skip_two_factor_for_staff(client):
    staff = UserFactory(role="staff")
    secret = add_totp(staff)
    request_reset(client, staff.email)
    follow_reset_link(client, reset_link(mail.outbox[0]))
    assert signed_in_user_id(client) is None

    response = post_login(client, staff.email, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None  # password alone is not enough
    post_code(client, totp_code(secret))
    assert signed_in_user_id(client) == str(staff.pk)


def test_a_reset_revokes_the_api_tokens_made_under_the_old_password(client):
    """Attack run, finding 11 (RELIABILITY 43): a token must not outlive a leaked password."""
    from innonet.accounts import services

    user = UserFactory(role="member")
    _token, plain = services.api_token_create(
        user, name="Skript", scope="read", days=30, acting_user=user
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    assert client.get("/api/me/", **headers).status_code == 200
    request_reset(client, user.email)
    follow_reset_link(client, reset_link(mail.outbox[0]))
    assert client.get("/api/me/", **headers).status_code == 401
    assert user.api_tokens.usable().count() == 0
