"""Every demo login signs in through the real login form; staff, board and the partner-network
manager with the code from totp_code, as the README documents."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from innonet.core import permissions
from innonet.demo import DEMO_PASSWORD

from .conftest import demo_loaded_once
from .test_demo import ROLES, STAFF, run

pytestmark = pytest.mark.django_db

loaded = demo_loaded_once(seed=11)


@pytest.fixture(autouse=True)
def cache_table(db):
    """Login rate limits live in the database cache."""
    call_command("createcachetable", verbosity=0)


SECOND_FACTOR = [e for e in ROLES if ROLES[e] in permissions.TWO_FACTOR_ROLES]


@pytest.mark.parametrize("email", [e for e in ROLES if e not in SECOND_FACTOR])
def test_every_demo_login_signs_in_through_the_login_form(loaded, client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("reporting:home"))
    assert response.status_code == 200
    assert response.context["user"].email == email
    assert f"reporting/home_{ROLES[email]}.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("email", SECOND_FACTOR)
def test_logins_with_a_second_factor_sign_in_with_the_code_from_totp_code(loaded, client, email):
    assert STAFF in SECOND_FACTOR and len(SECOND_FACTOR) == 3
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not client.get(reverse("reporting:home")).context["user"].is_authenticated

    code = run("totp_code", email).strip()
    assert len(code) == 6
    assert code.isdigit()
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    response = client.get(reverse("reporting:home"))
    assert response.status_code == 200
    assert response.context["user"].email == email
    assert f"reporting/home_{ROLES[email]}.html" in [t.name for t in response.templates]


def test_wrong_password_does_not_sign_in(loaded, client):
    response = client.post(
        reverse("account_login"), {"login": "vorstand@innonet.example", "password": "falsch"}
    )
    assert response.status_code == 200
    assert not client.get(reverse("reporting:home")).context["user"].is_authenticated
