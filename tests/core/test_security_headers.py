"""Security headers (RELIABILITY item 2). Every route of the access table is checked for every
role in tests/core/test_access_table.py; here the answers that table does not make."""

import pytest
from django.urls import reverse

from tests.access import assert_secure_headers


def test_error_pages_carry_headers(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert_secure_headers(response, signed_in=False)


@pytest.mark.django_db
def test_production_cookies_are_secure(staff_user, client, password, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get(reverse("account_login"))
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    client.post(reverse("account_login"), {"login": staff_user.email, "password": password})
    session = client.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
