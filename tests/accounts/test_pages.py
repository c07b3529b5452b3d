"""allauth's pages render inside our layout: Bootstrap forms, labelled fields, no inline script."""

import re

import pytest
from django.urls import reverse

from tests.accounts.helpers import inline_scripts

pytestmark = pytest.mark.django_db

INPUT = re.compile(r"<(?:input|textarea|select)\b[^>]*>", re.I)
ATTR_ID = re.compile(r'\bid="([^"]+)"')

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_inactive",
]
SIGNED_IN_PAGES = [
    "account_logout",
    "account_change_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_deactivate_totp",
    "mfa_generate_recovery_codes",
]


def assert_in_our_layout(response) -> None:
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    assert "base.html" in names
    assert "allauth/layouts/base.html" in names
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert inline_scripts(html) == []
    assert " style=" not in html
    main = html[html.index('<main id="main"') :]
    for tag in INPUT.findall(main):
        if 'type="hidden"' in tag:
            continue
        match = ATTR_ID.search(tag)
        assert match, tag
        assert f'for="{match.group(1)}"' in main, f"no label for {tag}"


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_pages(client, name):
    assert_in_our_layout(client.get(reverse(name), follow=True))


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_staff_pages(staff_client, name):
    assert_in_our_layout(staff_client.get(reverse(name), follow=True))


def test_reset_from_key_with_a_bad_key_explains(client):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad-key"})
    response = client.get(url, follow=True)
    assert_in_our_layout(response)
    assert response.context["token_fail"] is True


def test_pages_answer_in_english_too(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("account_reset_password"))
    assert '<html lang="en">' in response.content.decode()
    assert_in_our_layout(response)
