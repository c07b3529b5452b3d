"""Creating and editing organisations, units and membership status through the pages."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from innonet.core.models import AuditEntry
from innonet.partners.models import Membership, Organisation, Unit
from innonet.partners.services import membership_set_status
from tests.factories import (
    CompetenceFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UnitFactory,
)

CREATE = reverse("partners:organisation_create")


def edit_url(organisation) -> str:
    return reverse("partners:organisation_update", args=[organisation.pk])


def staff_data(organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "version": organisation.version,
        "city": organisation.city,
        "employees": "" if organisation.employees is None else organisation.employees,
    }
    data.update(changes)
    return data


def errors_of(response) -> dict:
    return response.context["form"].errors


# Create -------------------------------------------------------------------------------------


def test_staff_create_an_organisation_with_its_sme_class(staff_client, staff_user):
    competence = CompetenceFactory()
    response = staff_client.post(
        CREATE,
        {
            "name": "Küstenlabor GmbH",
            "kind": "sme",
            "employees": "12",
            "annual_turnover": "1800000",
            "vat_id": "de 123 456 789",
            "website": "kuestenlabor.de",
            "competences": [competence.pk],
        },
    )
    organisation = Organisation.objects.get(name="Küstenlabor GmbH")
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:organisation_detail", args=[organisation.pk])
    assert organisation.sme_class == "small"
    assert organisation.vat_id == "DE123456789"
    assert organisation.website == "https://kuestenlabor.de"
    assert list(organisation.competences.all()) == [competence]
    entry = AuditEntry.objects.get(action="partners.organisation.created")
    assert entry.actor == staff_user and entry.object_id == str(organisation.pk)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "x" * 201),
        ("name", ""),
        ("email", "kein-at-zeichen"),
        ("website", "javascript:alert(1)"),
        ("website", "nur text mit leerzeichen"),
        ("vat_id", "DE12345678"),
        ("vat_id", "DE1234567890"),
        ("vat_id", "123456789"),
        ("employees", "-1"),
        ("employees", "99999999999999999999999999999999"),
        ("annual_turnover", "-5"),
        ("annual_turnover", "1e309"),
        ("balance_sheet_total", "NaN"),
        ("kind", "spaceship"),
        ("district", "999999"),
        ("competences", "not-a-number"),
        ("competences", "99999999999999999999999999999999"),
        ("district", "99999999999999999999999999999999"),
        ("description", "x" * 10_001),
    ],
)
def test_bad_input_gives_a_message_and_writes_nothing(staff_client, field, value):
    data = {"name": "Gültig GmbH", "kind": "sme", field: value}
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    assert field in errors_of(response), errors_of(response)
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="partners.organisation").exists()


def test_members_and_board_cannot_create(role_users, client_for):
    for role in ("member", "board", "network_manager"):
        response = client_for(role_users[role]).post(CREATE, {"name": "Fremd", "kind": "sme"})
        assert response.status_code == 403
    assert not Organisation.objects.filter(name="Fremd").exists()


# Edit and optimistic locking ----------------------------------------------------------------


def test_staff_edit_bumps_the_version_and_audits(staff_client):
    organisation = OrganisationFactory(name="Alt GmbH")
    response = staff_client.post(edit_url(organisation), staff_data(organisation, name="Neu GmbH"))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Neu GmbH"
    assert organisation.version == 2
    entry = AuditEntry.objects.get(action="partners.organisation.updated")
    assert "name" in entry.data["fields"]


def test_two_editors_on_one_version_one_wins_the_other_sees_the_conflict(
    staff_client, role_users, client_for
):
    member = role_users["member"]
    organisation = member.organisation
    first = staff_client.get(edit_url(organisation))
    second = client_for(member).get(edit_url(organisation))
    version = first.context["form"].initial["version"]
    assert second.context["form"].initial["version"] == version

    won = staff_client.post(
        edit_url(organisation), staff_data(organisation, version=version, city="Emden")
    )
    assert won.status_code == 302
    lost = client_for(member).post(
        edit_url(organisation), {"version": version, "city": "Leer", "phone": "0491 123"}
    )
    assert lost.status_code == 409
    text = lost.content.decode()
    assert escape(organisation.name) in text
    assert "Leer" in text  # the losing editor sees what they typed ...
    form = lost.context["form"]
    assert form.initial["city"] == "Emden"  # ... and the form now holds the current data
    assert form.initial["version"] == version + 1
    organisation.refresh_from_db()
    assert (organisation.city, organisation.phone, organisation.version) == ("Emden", "", 2)
    assert AuditEntry.objects.filter(action="partners.organisation.updated").count() == 1

    retry = client_for(member).post(
        edit_url(organisation), {"version": version + 1, "city": "Leer", "phone": "0491 123"}
    )
    assert retry.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.city, organisation.phone) == ("Leer", "0491 123")


def test_mass_assignment_changes_nothing_it_should_not(staff_client):
    organisation = OrganisationFactory(name="Fest GmbH", employees=5)
    other = OrganisationFactory()
    response = staff_client.post(
        edit_url(organisation),
        {
            **staff_data(organisation),
            "id": other.pk,
            "pk": other.pk,
            "sme_class": "large",
            "search_text": "injected",
            "created_at": "2000-01-01T00:00",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.sme_class == "micro"
    assert organisation.version == 2  # one step, not what was posted
    assert "injected" not in organisation.search_text
    assert Organisation.objects.filter(pk=other.pk).exists()
    other.refresh_from_db()
    assert other.name != "Fest GmbH"


def test_posting_a_version_from_the_future_is_a_conflict_not_a_write(staff_client):
    organisation = OrganisationFactory(name="Zeitreise AG")
    response = staff_client.post(
        edit_url(organisation), staff_data(organisation, version=99, name="Überschrieben")
    )
    assert response.status_code == 409
    organisation.refresh_from_db()
    assert (organisation.name, organisation.version) == ("Zeitreise AG", 1)


def test_invalid_edit_leaves_the_record_untouched(staff_client):
    organisation = OrganisationFactory(name="Sauber GmbH", employees=3)
    response = staff_client.post(
        edit_url(organisation), staff_data(organisation, name="Neu", employees="-4")
    )
    assert response.status_code == 200
    assert "employees" in errors_of(response)
    organisation.refresh_from_db()
    assert (organisation.name, organisation.employees, organisation.version) == (
        "Sauber GmbH",
        3,
        1,
    )


# Member users -------------------------------------------------------------------------------


def test_member_edits_its_profile_but_not_identity_or_figures(role_users, client_for):
    member = role_users["member"]
    organisation = member.organisation
    before = (organisation.name, organisation.kind)
    response = client_for(member).post(
        edit_url(organisation),
        {
            "version": organisation.version,
            "description": "Wir entwickeln Messtechnik.",
            "name": "Umbenannt",
            "kind": "university",
            "employees": "3",
            "vat_id": "DE999999999",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Wir entwickeln Messtechnik."
    assert (organisation.name, organisation.kind) == before
    assert organisation.employees is None and organisation.vat_id == ""
    page = client_for(member).get(edit_url(organisation))
    assert "name" not in page.context["form"].fields
    assert "employees" not in page.context["form"].fields


def test_member_cannot_reach_another_organisation(role_users, client_for):
    member = role_users["member"]
    other = role_users["member_b"].organisation
    client = client_for(member)
    assert client.get(edit_url(other)).status_code == 404
    response = client.post(edit_url(other), {"version": other.version, "city": "Gekapert"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.city != "Gekapert" and other.version == 1


def test_manager_sees_but_cannot_change(role_users, client_for):
    manager = role_users["network_manager"]
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, network=manager.network)
    client = client_for(manager)
    assert client.get(edit_url(organisation)).status_code == 403
    response = client.post(edit_url(organisation), {"version": 1, "city": "X"})
    assert response.status_code == 403


# Units --------------------------------------------------------------------------------------


def test_member_manages_the_units_of_its_own_organisation(role_users, client_for):
    member = role_users["member"]
    organisation = member.organisation
    client = client_for(member)
    create = reverse("partners:unit_create", kwargs={"organisation_pk": organisation.pk})
    response = client.post(create, {"name": "Labor Akustik", "kind": "group"})
    assert response.status_code == 302
    unit = Unit.objects.get(organisation=organisation)
    response = client.post(
        reverse("partners:unit_update", args=[unit.pk]),
        {"name": "Labor Akustik und Schwingung", "kind": "institute"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.kind) == ("Labor Akustik und Schwingung", "institute")
    response = client.post(reverse("partners:unit_delete", args=[unit.pk]))
    assert response.status_code == 302
    assert not Unit.objects.exists()
    actions = list(
        AuditEntry.objects.filter(action__startswith="partners.unit.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["partners.unit.created", "partners.unit.updated", "partners.unit.deleted"]


def test_unit_names_are_unique_within_an_organisation(staff_client):
    organisation = OrganisationFactory()
    UnitFactory(organisation=organisation, name="Sensorik")
    create = reverse("partners:unit_create", kwargs={"organisation_pk": organisation.pk})
    response = staff_client.post(create, {"name": "sensorik", "kind": "group"})
    assert response.status_code == 200
    assert "name" in errors_of(response)
    assert Unit.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "x" * 201), ("name", ""), ("website", "ftp//kaputt"), ("kind", "planet")],
)
def test_bad_unit_input_writes_nothing(staff_client, field, value):
    organisation = OrganisationFactory()
    create = reverse("partners:unit_create", kwargs={"organisation_pk": organisation.pk})
    response = staff_client.post(create, {"name": "Gruppe", "kind": "group", field: value})
    assert response.status_code == 200
    assert field in errors_of(response)
    assert not Unit.objects.exists()


def test_member_cannot_touch_units_of_others(role_users, client_for):
    client = client_for(role_users["member"])
    other = role_users["member_b"].organisation
    unit = UnitFactory(organisation=other, name="Fremde Gruppe")
    create = reverse("partners:unit_create", kwargs={"organisation_pk": other.pk})
    assert client.post(create, {"name": "Eingeschleust", "kind": "group"}).status_code == 404
    edit = reverse("partners:unit_update", args=[unit.pk])
    assert client.post(edit, {"name": "Gekapert", "kind": "group"}).status_code == 404
    assert client.post(reverse("partners:unit_delete", args=[unit.pk])).status_code == 404
    unit.refresh_from_db()
    assert unit.name == "Fremde Gruppe"
    assert Unit.objects.count() == 1


def test_posting_another_organisation_into_a_unit_form_is_ignored(role_users, client_for):
    member = role_users["member"]
    other = role_users["member_b"].organisation
    create = reverse("partners:unit_create", kwargs={"organisation_pk": member.organisation.pk})
    client_for(member).post(create, {"name": "Meine", "kind": "group", "organisation": other.pk})
    unit = Unit.objects.get(name="Meine")
    assert unit.organisation == member.organisation


# Membership status --------------------------------------------------------------------------


def test_staff_record_a_membership_status(staff_client):
    organisation = OrganisationFactory()
    network = NetworkFactory()
    url = reverse("partners:organisation_membership", args=[organisation.pk])
    response = staff_client.post(
        url,
        {"network": network.pk, "status": "active", "valid_from": "2024-03-01", "reason": "Antrag"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=organisation)
    assert membership.status == "active"
    assert membership.changes.get().reason == "Antrag"


def test_backdated_status_change_is_refused_with_a_message(staff_client, staff_user):
    organisation = OrganisationFactory()
    network = NetworkFactory()
    membership_set_status(
        organisation,
        network=network,
        status="active",
        valid_from=date(2024, 1, 1),
        acting_user=staff_user,
    )
    url = reverse("partners:organisation_membership", args=[organisation.pk])
    response = staff_client.post(
        url, {"network": network.pk, "status": "ended", "valid_from": "2023-01-01"}
    )
    assert response.status_code == 200
    assert "valid_from" in errors_of(response)
    assert Membership.objects.get().status == "active"


@pytest.mark.parametrize(
    "data",
    [
        {"status": "deleted", "valid_from": "2024-01-01"},
        {"status": "active", "valid_from": "morgen"},
        {"status": "active", "valid_from": "0001-01-01"},
        {"status": "active", "valid_from": "2024-01-01", "reason": "x" * 301},
    ],
)
def test_bad_membership_input_writes_nothing(staff_client, data):
    organisation = OrganisationFactory()
    network = NetworkFactory()
    url = reverse("partners:organisation_membership", args=[organisation.pk])
    response = staff_client.post(url, {"network": network.pk, **data})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Membership.objects.exists()


def test_members_cannot_change_membership_status(role_users, client_for):
    member = role_users["member"]
    url = reverse("partners:organisation_membership", args=[member.organisation.pk])
    network = NetworkFactory()
    response = client_for(member).post(
        url, {"network": network.pk, "status": "active", "valid_from": "2024-01-01"}
    )
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_create_shows_likely_duplicates_before_saving(staff_client):
    from innonet.partners.models import Organisation
    from tests.factories import OrganisationFactory

    OrganisationFactory(name="Hasetal Datentechnik GmbH", kind="sme")
    data = {"name": "Hasetal Datentechnik", "kind": "sme"}
    response = staff_client.post("/partners/neu/", data)
    assert response.status_code == 200
    assert "Hasetal Datentechnik GmbH" in response.content.decode()
    assert Organisation.objects.filter(name="Hasetal Datentechnik").count() == 0
    response = staff_client.post("/partners/neu/", {**data, "confirm_duplicates": "1"})
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Hasetal Datentechnik").count() == 1
