"""TOTP for every role that reads personal data of people outside its own organisation: staff
and the board read everything, a partner-network manager the participants of the network's
events. Members read only their own organisation's people and sign in with a password."""

import pytest
from django.urls import reverse

from innonet.core import permissions
from tests.accounts.helpers import post_code, post_login, signed_in_user_id, totp_code
from tests.factories import (
    PASSWORD,
    EventFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    add_totp,
)

pytestmark = pytest.mark.django_db


def personal_pages(role: str, user) -> list[str]:
    """Pages of that role that show other people's personal data."""
    if role == "network_manager":
        event = EventFactory(organiser=user.network)
        RegistrationFactory(event=event)
        return [
            reverse("events:registration_list", args=[event.pk]),
            reverse("events:checkin", args=[event.pk]),
        ]
    PersonFactory()
    return [reverse("partners:person_list"), reverse("core:audit_list")]


def new_user(role: str):
    return UserFactory(role=role)


@pytest.mark.parametrize("role", ["board", "network_manager"])
def test_without_totp_every_page_sends_to_the_setup(client, role):
    user = new_user(role)
    pages = personal_pages(role, user)
    post_login(client, user.email, PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)
    for path in [*pages, "/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "personenbezogene Daten anderer" in setup.content.decode()


@pytest.mark.parametrize("role", ["board", "network_manager"])
def test_with_totp_the_password_alone_is_not_enough_and_the_code_opens_the_pages(client, role):
    user = new_user(role)
    secret = add_totp(user)
    pages = personal_pages(role, user)
    response = post_login(client, user.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    assert client.get(pages[0]).status_code == 302  # not signed in yet
    assert post_code(client, totp_code(secret)).status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    for path in pages:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("role", ["board", "network_manager"])
def test_a_session_that_skipped_the_code_is_ended(client, role):
    user = new_user(role)
    add_totp(user)
    pages = personal_pages(role, user)
    client.force_login(user)  # signed in, but no second factor recorded in the session
    response = client.get(pages[0])
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert signed_in_user_id(client) is None


def test_members_sign_in_with_a_password_and_see_their_own_organisation(client):
    member = UserFactory(role="member")
    post_login(client, member.email, PASSWORD)
    assert signed_in_user_id(client) == str(member.pk)
    assert client.get("/").status_code == 200
    people = client.get(reverse("partners:person_list"))
    assert people.status_code == 200
    assert not permissions.needs_two_factor(member)


def test_which_roles_need_a_second_factor():
    assert set(permissions.TWO_FACTOR_ROLES) == {"staff", "board", "network_manager"}
    assert not permissions.needs_two_factor(None)
    superuser = UserFactory.build(role="member", is_superuser=True)
    assert permissions.needs_two_factor(superuser)
