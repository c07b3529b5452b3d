"""A person's language: the switch keeps a signed-in person's choice on the account, the pages
speak it after the next sign-in on any device, and hostile values change nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from innonet.accounts.models import User
from tests.core.test_i18n import visible_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SWITCH = reverse("set_language")


def test_a_signed_in_persons_choice_is_kept_and_used_after_the_next_sign_in(client_for):
    user = UserFactory(role="member", language="de")
    first = client_for(user)
    response = first.post(SWITCH, {"language": "en", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "en"

    # Another device, without the language cookie: English after sign-in, German before.
    other = Client()
    assert other.get("/")["Content-Language"] == "de"
    other.force_login(user)
    page = other.get("/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()

    # Switching back is kept as well.
    other.post(SWITCH, {"language": "de", "next": "/"})
    user.refresh_from_db()
    assert user.language == "de"
    assert "Abmelden" in visible_text(other.get("/"))


def test_this_browsers_own_choice_wins_over_the_accounts_language(client_for):
    """A choice made on this browser (the cookie) stays; the account's language is for a
    device where the person never chose."""
    user = UserFactory(role="member", language="en")
    browser = Client()
    browser.post(SWITCH, {"language": "de", "next": "/"})  # anonymous: only the cookie
    assert browser.get("/")["Content-Language"] == "de"
    browser.force_login(user)
    assert browser.get("/")["Content-Language"] == "de"
    fresh = Client()
    fresh.force_login(user)
    assert fresh.get("/")["Content-Language"] == "en"


@pytest.mark.parametrize(
    "value", ["xx", "", "EN", "en-us\r\nSet-Cookie: x=1", "<script>alert(1)</script>", "e" * 5000]
)
def test_hostile_languages_change_nothing(client_for, value):
    user = UserFactory(role="member", language="de")
    client = client_for(user)
    response = client.post(SWITCH, {"language": value, "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "de"
    assert client.get("/")["Content-Language"] == "de"


def test_a_get_changes_nothing_and_an_anonymous_switch_touches_no_account(client, client_for):
    user = UserFactory(role="member", language="de")
    signed_in = client_for(user)
    assert signed_in.get(SWITCH, {"language": "en"}).status_code == 302
    user.refresh_from_db()
    assert user.language == "de"
    client.post(SWITCH, {"language": "en", "next": "/"})
    assert set(User.objects.values_list("language", flat=True)) == {"de"}
    assert client.get("/")["Content-Language"] == "en"


def test_the_password_reset_mail_is_in_the_accounts_language_whatever_the_page(client, mailoutbox):
    from django.test import TestCase

    english = UserFactory(role="member", language="en")
    german = UserFactory(role="member", language="de")
    client.post(SWITCH, {"language": "de", "next": "/"})
    for user in (english, german):
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(reverse("account_reset_password"), {"email": user.email.upper()})
    by_address = {message.to[0].lower(): message for message in mailoutbox}
    assert "You're receiving this email" in by_address[english.email.lower()].body
    assert "Sie erhalten diese E-Mail" in by_address[german.email.lower()].body
