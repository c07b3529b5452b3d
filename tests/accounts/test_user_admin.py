"""Account changes by staff are audited: creation, role changes, deactivation (item 33)."""

import pytest
from django.urls import reverse

from innonet.accounts.models import User
from innonet.core.models import AuditEntry
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory


def admin_change(client, user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "role": user.role,
        "organisation": user.organisation_id or "",
        "network": user.network_id or "",
        "is_active": "on" if user.is_active else "",
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(changes)
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


@pytest.mark.django_db
def test_role_change_writes_one_audit_entry(staff_client):
    member = UserFactory(role="member")
    network = NetworkFactory()
    response = admin_change(
        staff_client, member, role="network_manager", organisation="", network=network.pk
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.role == "network_manager"
    entries = AuditEntry.objects.filter(action="accounts.user.role_changed")
    assert entries.count() == 1
    assert entries.get().data["role"] == ["member", "network_manager"]


@pytest.mark.django_db
def test_deactivation_is_audited_and_ends_access(staff_client, client_for):
    member = UserFactory(role="member")
    member_client = client_for(member)
    admin_change(staff_client, member, is_active="")
    assert AuditEntry.objects.filter(action="accounts.user.deactivated").count() == 1
    assert member_client.get(reverse("accounts:token_list")).status_code == 302


@pytest.mark.django_db
def test_member_without_organisation_is_refused(staff_client):
    member = UserFactory(role="member")
    response = admin_change(staff_client, member, organisation="")
    assert response.status_code == 200  # the form comes back with a message
    member.refresh_from_db()
    assert member.organisation_id is not None
    assert not AuditEntry.objects.filter(action="accounts.user.role_changed").exists()


@pytest.mark.django_db
def test_user_created_in_admin_is_audited(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Neu@Beispiel.de",
            "password1": "ein-langes-Passwort-123",
            "password2": "ein-langes-Passwort-123",
            "role": "member",
            "organisation": organisation.pk,
            "network": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="neu@beispiel.de")
    assert AuditEntry.objects.for_object(user).filter(action="accounts.user.created").exists()
