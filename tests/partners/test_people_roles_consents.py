"""Roles at organisations and the consent log: adding, ending, recording, bad input."""

from datetime import date

import pytest
from django.urls import reverse

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.partners.models import Affiliation, Consent
from innonet.partners.services import consent_record
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(role_users):
    person = PersonFactory(first_name="Lena", last_name="Ötztal", email="")
    AffiliationFactory(
        person=person, organisation=role_users["member"].organisation, started_on=date(2022, 1, 1)
    )
    return person


def add_url(person):
    return reverse("partners:affiliation_create", kwargs={"pk": person.pk})


def test_staff_adds_a_role_with_unit_position_and_dates(person, staff_client):
    organisation = OrganisationFactory()
    unit = UnitFactory(organisation=organisation, name="Institut für Werkstoffe")
    response = staff_client.post(
        add_url(person),
        {
            "organisation": organisation.pk,
            "unit": unit.pk,
            "position": "Postdoc",
            "is_main_contact": "on",
            "started_on": "2024-02-01",
        },
    )
    assert response.status_code == 302
    role = person.affiliations.get(organisation=organisation)
    assert (role.unit, role.position, role.is_main_contact) == (unit, "Postdoc", True)
    assert AuditEntry.objects.filter(action="partners.person.role_added").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"started_on": "2024-05-01", "ended_on": "2024-04-30"}, "ended_on"),
        ({"position": "p" * 121}, "position"),
        ({"started_on": "31.02.2024"}, "started_on"),
        ({"organisation": ""}, "organisation"),
    ],
)
def test_add_role_rejects_bad_input(data, field, person, staff_client):
    organisation = OrganisationFactory()
    before = Affiliation.objects.count()
    response = staff_client.post(add_url(person), {"organisation": organisation.pk, **data})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Affiliation.objects.count() == before


def test_add_role_rejects_a_unit_of_another_organisation(person, staff_client):
    organisation = OrganisationFactory()
    foreign_unit = UnitFactory(organisation=OrganisationFactory(), name="Fremde Gruppe")
    response = staff_client.post(
        add_url(person), {"organisation": organisation.pk, "unit": foreign_unit.pk}
    )
    assert "unit" in response.context["form"].errors
    assert not person.affiliations.filter(organisation=organisation).exists()


def test_add_role_twice_at_the_same_place_is_refused(person, role_users, staff_client):
    organisation = role_users["member"].organisation
    response = staff_client.post(add_url(person), {"organisation": organisation.pk})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert person.affiliations.count() == 1


def test_member_adds_roles_only_at_its_own_organisation(person, role_users, client_for):
    member = role_users["member"]
    client = client_for(member)
    tampered = client.post(
        add_url(person), {"organisation": role_users["member_b"].organisation.pk}
    )
    assert tampered.status_code == 200
    assert "organisation" in tampered.context["form"].errors
    assert person.affiliations.count() == 1
    unit = UnitFactory(organisation=member.organisation, name="Vertrieb")
    ok = client.post(add_url(person), {"organisation": member.organisation_id, "unit": unit.pk})
    assert ok.status_code == 302
    assert person.affiliations.count() == 2


def test_member_cannot_add_roles_to_another_organisations_person(role_users, client_for):
    stranger = PersonFactory(last_name="Fremd", first_name="", email="")
    AffiliationFactory(person=stranger, organisation=role_users["member_b"].organisation)
    response = client_for(role_users["member"]).post(
        add_url(stranger), {"organisation": role_users["member"].organisation_id}
    )
    assert response.status_code == 404
    assert stranger.affiliations.count() == 1


def end_url(role):
    return reverse("partners:affiliation_end", kwargs={"pk": role.pk})


def test_ending_a_role_keeps_it_on_record(person, role_users, client_for):
    role = person.affiliations.get()
    response = client_for(role_users["member"]).post(end_url(role), {"ended_on": "2025-01-31"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ended_on == date(2025, 1, 31)
    assert AuditEntry.objects.filter(action="partners.person.role_ended").count() == 1


@pytest.mark.parametrize("ended_on", ["2021-12-31", "", "morgen", "99999-01-01"])
def test_ending_a_role_rejects_bad_dates(ended_on, person, staff_client):
    role = person.affiliations.get()
    response = staff_client.post(end_url(role), {"ended_on": ended_on})
    assert response.status_code == 200
    assert "ended_on" in response.context["form"].errors
    role.refresh_from_db()
    assert role.ended_on is None


def test_ending_a_role_twice_is_refused(person, staff_client):
    role = person.affiliations.get()
    staff_client.post(end_url(role), {"ended_on": "2025-01-31"})
    response = staff_client.post(end_url(role), {"ended_on": "2025-03-31"})
    assert response.status_code == 200
    role.refresh_from_db()
    assert role.ended_on == date(2025, 1, 31)


def test_other_member_cannot_end_the_role(person, role_users, client_for):
    role = person.affiliations.get()
    response = client_for(role_users["member_b"]).post(end_url(role), {"ended_on": "2025-01-31"})
    assert response.status_code == 404
    role.refresh_from_db()
    assert role.ended_on is None


# -- consent log ------------------------------------------------------------------------------


def consent_url(person):
    return reverse("partners:consent_create", kwargs={"pk": person.pk})


def test_consent_and_withdrawal_are_appended_to_the_log(person, staff_client):
    base = {"purpose": "newsletter", "text_version": "2025-01"}
    staff_client.post(consent_url(person), {**base, "decision": "granted", "source": "Telefonat"})
    response = staff_client.post(
        consent_url(person),
        {**base, "decision": "withdrawn", "source": "Formular Veranstaltung"},
    )
    assert response.status_code == 302
    log = list(person.consents.values_list("granted", "source"))
    assert log == [(False, "Formular Veranstaltung"), (True, "Telefonat")]
    actions = AuditEntry.objects.filter(
        object_id=str(person.pk), action__startswith="partners."
    ).values_list("action", flat=True)
    assert sorted(actions) == ["partners.consent.granted", "partners.consent.withdrawn"]


def test_consent_for_an_organisation_the_person_speaks_for(person, role_users, staff_client):
    organisation = role_users["member"].organisation
    staff_client.post(
        consent_url(person),
        {
            "purpose": "public_profile",
            "decision": "granted",
            "source": "Formular",
            "text_version": "1",
            "organisation": organisation.pk,
        },
    )
    assert person.consents.get().organisation == organisation


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"purpose": "werbung"}, "purpose"),
        ({"decision": "vielleicht"}, "decision"),
        ({"source": ""}, "source"),
        ({"source": "s" * 121}, "source"),
        ({"text_version": "v" * 41}, "text_version"),
        ({"text_version": "   "}, "text_version"),
    ],
)
def test_consent_rejects_bad_input(data, field, person, staff_client):
    valid = {"purpose": "newsletter", "decision": "granted", "source": "Mail", "text_version": "1"}
    response = staff_client.post(consent_url(person), {**valid, **data})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Consent.objects.exists()


def test_consent_for_an_organisation_the_person_is_not_at_is_refused(person, staff_client):
    response = staff_client.post(
        consent_url(person),
        {
            "purpose": "public_profile",
            "decision": "granted",
            "source": "Formular",
            "text_version": "1",
            "organisation": OrganisationFactory().pk,
        },
    )
    assert "organisation" in response.context["form"].errors
    assert not Consent.objects.exists()


def test_consent_service_refuses_unknown_purpose(person, staff_user):
    with pytest.raises(DomainError):
        consent_record(
            person,
            purpose="werbung",
            granted=True,
            source="Telefonat",
            text_version="1",
            acting_user=staff_user,
        )
    assert not Consent.objects.exists()


def test_the_log_is_append_only(person, staff_user):
    entry = consent_record(
        person,
        purpose="newsletter",
        granted=True,
        source="Telefonat",
        text_version="1",
        acting_user=staff_user,
    )
    entry.granted = False
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        Consent.objects.filter(pk=entry.pk).update(granted=False)
    assert Consent.objects.get().granted is True


def test_members_cannot_record_consents(person, role_users, client_for):
    data = {"purpose": "newsletter", "decision": "granted", "source": "x", "text_version": "1"}
    response = client_for(role_users["member"]).post(consent_url(person), data)
    assert response.status_code == 403
    assert not Consent.objects.exists()
