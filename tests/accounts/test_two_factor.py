"""TOTP two-factor for staff: required, one-time codes, and no way around it."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.helpers import (
    form_errors,
    inline_scripts,
    post_code,
    post_login,
    signed_in_user_id,
    totp_code,
)
from tests.factories import PASSWORD, UserFactory, add_totp

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/tokens/", "/accounts/2fa/", "/accounts/password/change/", "/admin/"]


@pytest.fixture
def staff_without_totp(client):
    staff = UserFactory(role="staff")
    post_login(client, staff.email, PASSWORD)
    assert signed_in_user_id(client) == str(staff.pk)
    return staff


def open_activation(client):
    """Setting up a device asks for the password once more (allauth's re-authentication)."""
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        back = client.post(response["Location"], {"password": PASSWORD})
        assert back.status_code == 302
        response = client.get(back["Location"])
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("path", PAGES)
def test_staff_without_totp_is_sent_to_setup_from_every_page(client, staff_without_totp, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_totp_may_still_sign_out_and_load_static_files(client, staff_without_totp):
    static = client.get("/static/core/css/innonet.css")
    assert static.status_code != 302
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_totp_activation_page_shows_qr_and_secret_without_inline_script(client, staff_without_totp):
    response = open_activation(client)
    html = response.content.decode()
    secret = response.context["form"].secret
    assert 'src="data:image/svg+xml;base64,' in html
    assert f'value="{secret}"' in html
    assert '<label class="form-label" for="id_code">' in html
    assert inline_scripts(html) == []
    assert " style=" not in html
    assert "base.html" in [t.name for t in response.templates]


def test_activating_totp_counts_as_the_second_factor_of_this_session(
    client, staff_without_totp, django_capture_on_commit_callbacks
):
    secret = open_activation(client).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff_without_totp, type="totp").exists()
    codes = client.get(response["Location"])
    assert codes.status_code == 200  # the recovery codes, not a sign-out
    assert inline_scripts(codes.content.decode()) == []
    assert "base.html" in [t.name for t in codes.templates]
    assert signed_in_user_id(client) == str(staff_without_totp.pk)
    assert client.get("/").status_code == 200


def test_wrong_activation_code_is_refused(client, staff_without_totp):
    open_activation(client)
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000x"})
    assert response.status_code == 200
    assert form_errors(response)
    assert not Authenticator.objects.filter(user=staff_without_totp).exists()


def test_setup_asks_for_the_password_instead_of_looping(client, staff_without_totp):
    """Activation needs a fresh re-authentication; that page must not bounce back to setup."""
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] = time.time() - 3600
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "base.html" in [t.name for t in page.templates]
    wrong = client.post(response["Location"], {"password": "falsch-falsch-falsch"})
    assert wrong.status_code == 200
    assert form_errors(wrong)
    back = client.post(response["Location"], {"password": PASSWORD})
    assert back.status_code == 302
    assert client.get(back["Location"]).status_code == 200


def test_staff_with_totp_signs_in_with_password_then_code(client):
    staff = UserFactory(role="staff")
    secret = add_totp(staff)
    response = post_login(client, staff.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    step = client.get(reverse("mfa_authenticate"))
    assert step.status_code == 200
    assert '<label class="form-label" for="id_code">' in step.content.decode()
    response = post_code(client, totp_code(secret))
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(staff.pk)
    home = client.get("/")
    assert "reporting/home_staff.html" in [t.name for t in home.templates]


def test_wrong_code_is_refused(client):
    staff = UserFactory(role="staff")
    add_totp(staff)
    post_login(client, staff.email, PASSWORD)
    response = post_code(client, "123456")
    assert response.status_code == 200
    assert form_errors(response)
    assert signed_in_user_id(client) is None


def test_a_code_works_only_once(client):
    staff = UserFactory(role="staff")
    secret = add_totp(staff)
    code = totp_code(secret)
    post_login(client, staff.email, PASSWORD)
    post_code(client, code)
    assert signed_in_user_id(client) == str(staff.pk)
    client.post(reverse("account_logout"))

    post_login(client, staff.email, PASSWORD)
    replay = post_code(client, code)
    assert replay.status_code == 200
    assert form_errors(replay)
    assert signed_in_user_id(client) is None


def test_members_are_not_forced_to_set_up_two_factor(client):
    """Board and partner-network managers are: see test_two_factor_roles.py."""
    user = UserFactory(role="member")
    response = post_login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_activate_totp")
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:token_list")).status_code == 200


def test_staff_session_without_mfa_record_is_ended(client, staff_user):
    client.force_login(staff_user)  # a session that never passed the second factor
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert signed_in_user_id(client) is None


def test_mfa_pages_render_in_our_layout(staff_client):
    for name in ("mfa_index", "mfa_deactivate_totp", "mfa_generate_recovery_codes"):
        response = staff_client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "base.html" in [t.name for t in response.templates], name
        assert inline_scripts(html) == [], name


class TestAdminSite:
    def test_anonymous_is_sent_to_our_sign_in(self, client):
        response = client.get("/admin/", follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
        assert response.status_code == 200
        assert "account/login.html" in [t.name for t in response.templates]

    @pytest.mark.parametrize("role", ["board", "member", "network_manager"])
    def test_other_roles_never_get_an_admin_page(self, client_for, role):
        client = client_for(UserFactory(role=role))
        for path in ("/admin/", "/admin/login/", "/admin/accounts/user/"):
            response = client.get(path, follow=True)
            assert response.status_code == 403, (role, path)

    def test_staff_without_second_factor_is_kept_out(self, client, staff_user):
        client.force_login(staff_user)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert not response["Location"].startswith("/admin/")

    def test_staff_with_second_factor_gets_in(self, staff_client):
        assert staff_client.get("/admin/").status_code == 200
        response = staff_client.get("/admin/login/?next=/admin/accounts/user/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/accounts/user/"

    def test_admin_login_ignores_foreign_next(self, staff_client):
        response = staff_client.get("/admin/login/?next=https://evil.example/")
        assert response["Location"] == reverse("admin:index")
