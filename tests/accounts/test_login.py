"""Signing in by e-mail through allauth's real views."""

import pytest
from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import translation

from tests.accounts.helpers import post_login, session_cookie, signed_in_user_id
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def adapter_message(key: str, language: str = "de") -> str:
    with translation.override(language):
        return str(DefaultAccountAdapter.error_messages[key])


def test_login_by_email_ignores_case(client):
    user = UserFactory(role="member", email="anna.schmidt@beispiel.de")
    response = post_login(client, "Anna.SCHMIDT@Beispiel.DE", PASSWORD)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get(reverse("accounts:token_list")).status_code == 200


def test_wrong_password_is_refused_with_a_message(client):
    user = UserFactory(role="member")
    response = post_login(client, user.email, PASSWORD + "x")
    assert response.status_code == 200
    assert adapter_message("email_password_mismatch") in response.content.decode()
    assert signed_in_user_id(client) is None


def test_unknown_address_gets_the_same_message_as_a_wrong_password(client):
    UserFactory(role="member", email="bekannt@beispiel.de")
    known = post_login(client, "bekannt@beispiel.de", "falsch-falsch-falsch")
    unknown = post_login(client, "unbekannt@beispiel.de", "falsch-falsch-falsch")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_inactive_user_cannot_sign_in(client):
    user = UserFactory(role="member", is_active=False)
    response = post_login(client, user.email, PASSWORD)
    assert signed_in_user_id(client) is None
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")
    assert client.get(reverse("accounts:token_list")).status_code == 302


def test_session_key_rotates_on_login(client):
    user = UserFactory(role="member")
    session = client.session  # an anonymous session exists before signing in
    session["probe"] = "before"
    session.save()
    before = session_cookie(client)
    assert before
    post_login(client, user.email, PASSWORD)
    after = session_cookie(client)
    assert signed_in_user_id(client) == str(user.pk)
    assert after and after != before
    assert not SessionStore().exists(before)


def test_login_page_renders_in_our_layout_without_sign_up_invitation(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]
    assert 'class="form-control' in html
    assert '<label class="form-label" for="id_login">' in html
    assert '<label class="form-label" for="id_password">' in html
    assert reverse("account_signup") not in html
    assert reverse("account_reset_password") in html


def test_sign_up_is_closed_and_says_so(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]
    before = UserFactory._meta.model.objects.count()
    client.post(
        reverse("account_signup"),
        {"email": "neu@beispiel.de", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert UserFactory._meta.model.objects.count() == before


def test_login_page_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("account_login"))
    assert '<html lang="en">' in response.content.decode()
    response = post_login(client, "niemand@beispiel.de", "falsch-falsch")
    assert adapter_message("email_password_mismatch", "en") in response.content.decode()
