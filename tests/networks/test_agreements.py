"""Agreements between networks: the services' rules, the office's pages, bad input."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.core.permissions import NotPermittedError
from innonet.networks import queries, services
from innonet.networks.models import NetworkAgreement, Share
from tests.factories import NetworkFactory, UserFactory, host_network
from tests.nasty import NASTY_STRINGS
from tests.networks.factories import AgreementFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("networks:agreement_create")
LIST = reverse("networks:network_list")


def today() -> date:
    return timezone.localdate()


def data(grantor, grantee, **extra):
    return {
        "grantor": grantor,
        "grantee": grantee,
        "shares_profiles": True,
        "valid_from": today(),
        **extra,
    }


def form(grantor, grantee, **extra):
    """The page's POST data (ids and ISO dates) for an agreement."""
    values = {
        "grantor": grantor.pk,
        "grantee": grantee.pk,
        "shares_profiles": "on",
        "valid_from": today().isoformat(),
        "valid_until": "",
        "signed_by": "",
        "signed_on": "",
    }
    return {**values, **extra}


# -- the services ------------------------------------------------------------------------------


def test_an_agreement_grants_what_it_shares_while_in_force(staff_user):
    host, agri = host_network(), NetworkFactory()
    agreement = services.agreement_create(
        data=data(host, agri, shares_formats=True, signed_by=staff_user), acting_user=staff_user
    )
    assert queries.granted(agri.pk, Share.PROFILES) == {host.pk}
    assert queries.granted(agri.pk, Share.FORMATS) == {host.pk}
    assert queries.granted(agri.pk, Share.CONTACTS) == frozenset()
    assert queries.granted(host.pk, Share.PROFILES) == frozenset()  # one direction only
    entry = AuditEntry.objects.get(action="networks.agreement.created")
    assert entry.actor == staff_user and entry.object_id == str(agreement.pk)
    assert entry.data["shares"] == ["formats", "profiles"]


def test_an_agreement_is_in_force_only_in_its_period():
    agri = NetworkFactory()
    AgreementFactory(
        grantee=agri, valid_from=today() + timedelta(days=1), valid_until=today() + timedelta(9)
    )
    assert queries.granted(agri.pk, Share.PROFILES) == frozenset()
    assert queries.granted(agri.pk, Share.PROFILES, day=today() + timedelta(days=9)) == {
        host_network().pk
    }
    assert queries.granted(agri.pk, Share.PROFILES, day=today() + timedelta(days=10)) == set()


def test_ending_an_agreement_stops_the_sharing_from_the_next_day(staff_user):
    agreement = AgreementFactory()
    agri = agreement.grantee
    services.agreement_end(agreement, acting_user=staff_user)
    agreement.refresh_from_db()
    assert agreement.valid_until == today()
    assert queries.granted(agri.pk, Share.PROFILES, day=today() + timedelta(days=1)) == set()
    assert AuditEntry.objects.filter(action="networks.agreement.ended").count() == 1
    with pytest.raises(DomainError):
        services.agreement_end(agreement, on=today(), acting_user=staff_user)


def test_ending_an_agreement_before_it_starts_withdraws_it(staff_user):
    agreement = AgreementFactory(valid_from=today() + timedelta(days=5))
    services.agreement_end(agreement, acting_user=staff_user)
    assert not NetworkAgreement.objects.exists()
    assert AuditEntry.objects.filter(action="networks.agreement.withdrawn").count() == 1


def test_changing_an_agreement_is_audited(staff_user):
    agreement = AgreementFactory(shares_contacts=True)
    services.agreement_update(agreement, data={"shares_contacts": False}, acting_user=staff_user)
    agreement.refresh_from_db()
    assert not agreement.shares_contacts
    assert AuditEntry.objects.filter(action="networks.agreement.updated").count() == 1


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("itself", "grantee"),
        ("dates reversed", "valid_until"),
        ("overlapping", "valid_from"),
        ("overlapping open end", "valid_from"),
        ("nothing shared", None),
        ("signed by a member", "signed_by"),
    ],
)
def test_the_rules_refuse_a_bad_agreement(case, field, staff_user):
    host, agri = host_network(), NetworkFactory()
    AgreementFactory(
        grantor=host, grantee=agri, valid_from=date(2030, 1, 1), valid_until=date(2030, 12, 31)
    )
    bad = {
        "itself": data(host, host),
        "dates reversed": data(
            host, agri, valid_from=date(2031, 5, 1), valid_until=date(2031, 4, 1)
        ),
        "overlapping": data(
            host, agri, valid_from=date(2030, 12, 31), valid_until=date(2031, 6, 1)
        ),
        "overlapping open end": data(host, agri, valid_from=date(2029, 1, 1)),
        "nothing shared": data(agri, host, shares_profiles=False),
        "signed by a member": data(agri, host, signed_by=UserFactory(role="member")),
    }[case]
    before = NetworkAgreement.objects.count()
    with pytest.raises(DomainError) as error:
        services.agreement_create(data=bad, acting_user=staff_user)
    assert error.value.field == field
    assert NetworkAgreement.objects.count() == before
    assert not AuditEntry.objects.filter(action="networks.agreement.created").exists()


def test_an_agreement_may_follow_an_ended_one_and_run_the_other_way(staff_user):
    host, agri = host_network(), NetworkFactory()
    AgreementFactory(
        grantor=host, grantee=agri, valid_from=date(2030, 1, 1), valid_until=date(2030, 12, 31)
    )
    services.agreement_create(
        data=data(host, agri, valid_from=date(2031, 1, 1)), acting_user=staff_user
    )
    services.agreement_create(
        data=data(agri, host, valid_from=date(2030, 6, 1)), acting_user=staff_user
    )
    assert NetworkAgreement.objects.count() == 3


@pytest.mark.parametrize("role", ["member", "network_manager", "board"])
def test_only_the_office_makes_agreements(role_users, role):
    host, agri = host_network(), NetworkFactory()
    with pytest.raises(NotPermittedError):
        services.agreement_create(data=data(host, agri), acting_user=role_users[role])
    agreement = AgreementFactory()
    with pytest.raises(NotPermittedError):
        services.agreement_end(agreement, acting_user=role_users[role])
    assert NetworkAgreement.objects.count() == 1


# -- the pages ---------------------------------------------------------------------------------


def test_the_networks_page_lists_members_and_agreements(staff_client):
    agreement = AgreementFactory()
    response = staff_client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert agreement.grantee.name in html and host_network().name in html
    assert reverse("networks:agreement_update", kwargs={"pk": agreement.pk}) in html
    networks = {network.pk: network for network in response.context["networks"]}
    assert networks[host_network().pk].granted_list == [agreement]


def test_the_page_makes_an_agreement(staff_client, staff_user):
    agri = NetworkFactory()
    response = staff_client.post(
        CREATE, form(host_network(), agri, signed_by=staff_user.pk, shares_contacts="on")
    )
    assert response.status_code == 302
    agreement = NetworkAgreement.objects.get()
    assert agreement.shares == ["profiles", "contacts"]
    assert agreement.signed_by == staff_user


@pytest.mark.parametrize(
    "bad",
    [
        {"grantee": "HOST"},
        {"valid_until": "2020-01-01"},
        {"valid_from": "31.02.2026"},
        {"valid_from": ""},
        {"grantor": "99999999999999999999999"},
        {"signed_by": "-1"},
        {"shares_profiles": ""},
        *({"valid_from": text} for text in NASTY_STRINGS[:6]),
        *({"grantor": text} for text in NASTY_STRINGS[:6]),
    ],
)
def test_bad_input_re_renders_the_form_and_writes_nothing(staff_client, bad):
    host, agri = host_network(), NetworkFactory()
    values = {**form(host, agri), **bad}
    if values["grantee"] == "HOST":
        values["grantee"] = host.pk
    before = NetworkAgreement.objects.count()
    response = staff_client.post(CREATE, values)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert NetworkAgreement.objects.count() == before


def test_an_overlapping_agreement_is_a_message_on_the_page(staff_client):
    agreement = AgreementFactory()
    response = staff_client.post(CREATE, form(agreement.grantor, agreement.grantee))
    assert response.status_code == 200
    assert "valid_from" in response.context["form"].errors
    assert NetworkAgreement.objects.count() == 1


def test_the_page_ends_an_agreement(staff_client):
    agreement = AgreementFactory()
    response = staff_client.post(reverse("networks:agreement_end", kwargs={"pk": agreement.pk}))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.valid_until == today()
    again = staff_client.post(
        reverse("networks:agreement_end", kwargs={"pk": agreement.pk}), follow=True
    )
    assert again.status_code == 200
    assert list(again.context["messages"])


def test_the_networks_page_is_in_the_office_menu(staff_client):
    assert LIST in staff_client.get(reverse("reporting:home")).content.decode()


@pytest.mark.parametrize("value", ["31.02.2026", "x" * 300, "2026-13-01"])
def test_the_service_refuses_a_bad_date_with_a_domain_error(staff_user, value):
    with pytest.raises(DomainError) as error:
        services.agreement_create(
            data=data(host_network(), NetworkFactory(), valid_from=value), acting_user=staff_user
        )
    assert error.value.field == "valid_from"
    assert not NetworkAgreement.objects.exists()
