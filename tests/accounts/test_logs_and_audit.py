"""No secrets in logs, and exactly one audit entry per sign-in event."""

import logging

import pytest
from django.urls import reverse

from innonet.accounts import services
from innonet.core.models import AuditEntry
from tests.accounts.helpers import post_code, post_login, totp_code
from tests.factories import PASSWORD, UserFactory, add_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def all_logs(caplog, capfd):
    """Everything logged at DEBUG, through pytest's handler and through our console handler."""
    caplog.set_level(logging.DEBUG)

    def text() -> str:
        out, err = capfd.readouterr()
        return caplog.text + out + err

    return text


def actions(name: str):
    return AuditEntry.objects.filter(action=name)


def test_failed_login_logs_no_password(client, all_logs):
    user = UserFactory(role="member")
    wrong = "Geheimnis-das-nie-im-Log-steht-93"
    post_login(client, user.email, wrong)
    post_login(client, user.email, PASSWORD)
    logs = all_logs()
    assert wrong not in logs
    assert PASSWORD not in logs


def test_token_use_logs_no_secret(client, member_user, all_logs):
    _, plain = services.api_token_create(
        member_user, name="CI", scope="read", days=5, acting_user=member_user
    )
    secret = plain.split("_", 2)[2]  # inn_<key id>_<secret>; the secret may hold "_"
    client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {plain}")
    client.get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {plain}x")
    logs = all_logs()
    assert "/api/me/" in logs  # the refused request was logged, just not its secret
    assert secret not in logs


def test_one_audit_entry_per_login(client):
    user = UserFactory(role="board")
    post_login(client, user.email, PASSWORD)
    entries = list(actions("accounts.login"))
    assert len(entries) == 1
    assert entries[0].actor == user
    assert entries[0].request_id


def test_one_audit_entry_per_staff_login_with_code(client):
    staff = UserFactory(role="staff")
    secret = add_totp(staff)
    post_login(client, staff.email, PASSWORD)
    assert actions("accounts.login").count() == 0  # the password alone does not sign in
    post_code(client, totp_code(secret))
    assert actions("accounts.login").count() == 1


def test_one_masked_audit_entry_per_failed_login(client):
    user = UserFactory(role="member", email="vertraulich@beispiel.de")
    post_login(client, user.email, "falsch-falsch-1")
    post_login(client, "niemand@beispiel.de", "falsch-falsch-2")
    entries = list(actions("accounts.login.failed").order_by("id"))
    assert len(entries) == 2
    assert [e.data["login"] for e in entries] == ["v***@beispiel.de", "n***@beispiel.de"]
    for entry in entries:
        assert "vertraulich" not in str(entry.data)
        assert "falsch" not in str(entry.data)


def test_one_audit_entry_per_logout(client):
    user = UserFactory(role="member")
    post_login(client, user.email, PASSWORD)
    client.post(reverse("account_logout"))
    entries = list(actions("accounts.logout"))
    assert len(entries) == 1
    assert entries[0].actor == user


def test_one_audit_entry_per_denied_access(client_for, board_user):
    response = client_for(board_user).get("/admin/login/")
    assert response.status_code == 403
    entries = list(actions("core.access.denied"))
    assert len(entries) == 1
    assert entries[0].actor == board_user
    assert entries[0].data["path"] == "/admin/login/"
