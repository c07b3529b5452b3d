"""Security headers on every GET route, for anonymous, member and staff (RELIABILITY item 2)."""

import pytest
from django.urls import reverse

from tests.core.test_access_table import TABLE, objs  # noqa: F401 - objs is a fixture

GET_ROUTES = [route for route in TABLE if route.method == "GET"]


def assert_secure_headers(response, *, signed_in: bool) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    if response.get("Content-Type", "").startswith("text/html"):
        policy = response["Content-Security-Policy"]
        directives = dict(
            [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
        )
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert directives["frame-ancestors"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"
    if signed_in:
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda route: route.id)
def test_headers_on_every_page(route, role, objs, client_for):  # noqa: F811
    client = client_for(objs[role] if role != "anonymous" else None)
    response = client.get(reverse(route.name, kwargs=route.kwargs(objs)))
    assert_secure_headers(response, signed_in=role != "anonymous")


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
