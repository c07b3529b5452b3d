"""Merging duplicates keeps every relation and the history of both records."""

from datetime import date

import pytest
from django.urls import reverse

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.partners.models import (
    Affiliation,
    Consent,
    Interaction,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
)
from innonet.partners.services import membership_set_status, organisation_merge, person_merge
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    ConsentFactory,
    InteractionFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(staff_user):
    """Two records of one company, each with its own relations, sharing one network."""
    keep = OrganisationFactory(name="Nordlicht Solar GmbH", city="", employees=10)
    remove = OrganisationFactory(name="Nordlicht Solar", city="Leer", employees=12)
    shared, other = NetworkFactory(), NetworkFactory()
    competence, ris3 = CompetenceFactory(), Ris3FieldFactory()
    remove.competences.add(competence)
    remove.ris3_fields.add(ris3)
    membership_set_status(
        keep, network=shared, status="active", valid_from=date(2022, 1, 1), acting_user=staff_user
    )
    membership_set_status(
        remove,
        network=shared,
        status="prospect",
        valid_from=date(2019, 5, 1),
        acting_user=staff_user,
    )
    membership_set_status(
        remove,
        network=shared,
        status="applied",
        valid_from=date(2020, 3, 1),
        acting_user=staff_user,
    )
    membership_set_status(
        remove, network=other, status="active", valid_from=date(2021, 1, 1), acting_user=staff_user
    )
    UnitFactory(organisation=keep, name="Forschung", description="")
    twin_unit = UnitFactory(organisation=remove, name="Forschung", description="PV")
    UnitFactory(organisation=remove, name="Vertrieb")
    person = PersonFactory(first_name="Eva", last_name="Ernst", email="eva@nl.de")
    AffiliationFactory(person=person, organisation=keep, position="")
    AffiliationFactory(person=person, organisation=remove, position="CEO", is_main_contact=True)
    AffiliationFactory(
        person=PersonFactory(last_name="Forscher", first_name="", email=""),
        organisation=remove,
        unit=twin_unit,
    )
    InteractionFactory(
        kind="call", happened_on=date(2023, 1, 1), organisation=remove, topic="Anruf"
    )
    ConsentFactory(
        person=person,
        organisation=remove,
        purpose="public_profile",
        granted=True,
        source="Formular",
        text_version="1",
    )
    user = UserFactory(role="member", organisation=remove)
    return {
        "keep": keep,
        "remove": remove,
        "shared": shared,
        "other": other,
        "user": user,
        "competence": competence,
        "ris3": ris3,
        "person": person,
    }


def test_organisation_merge_moves_every_relation(pair, staff_user):
    keep, remove = pair["keep"], pair["remove"]
    removed_pk = remove.pk
    merged = organisation_merge(
        keep, remove, field_choices={"city": "remove"}, acting_user=staff_user
    )
    assert not Organisation.objects.filter(pk=removed_pk).exists()
    assert merged.city == "Leer" and merged.employees == 10 and merged.name == keep.name
    assert list(merged.competences.all()) == [pair["competence"]]
    assert list(merged.ris3_fields.all()) == [pair["ris3"]]
    assert sorted(merged.units.values_list("name", flat=True)) == ["Forschung", "Vertrieb"]
    assert merged.units.get(name="Forschung").description == "PV"
    assert Affiliation.objects.filter(organisation=merged).count() == 2
    role = Affiliation.objects.get(person=pair["person"])
    assert role.position == "CEO" and role.is_main_contact
    assert Affiliation.objects.get(person__last_name="Forscher").unit.organisation == merged
    assert merged.interactions.count() == 1
    assert Consent.objects.get().organisation == merged
    pair["user"].refresh_from_db()
    assert pair["user"].organisation == merged
    assert merged.memberships.count() == 2


def test_memberships_in_one_network_combine_their_history(pair, staff_user):
    merged = organisation_merge(
        pair["keep"], pair["remove"], field_choices={}, acting_user=staff_user
    )
    membership = Membership.objects.get(organisation=merged, network=pair["shared"])
    steps = list(membership.changes.values_list("valid_from", "status"))
    assert steps == [
        (date(2019, 5, 1), "prospect"),
        (date(2020, 3, 1), "applied"),
        (date(2022, 1, 1), "active"),
    ]
    assert membership.status == "active"
    assert MembershipStatusChange.objects.count() == 4


def test_merge_records_the_removed_data_and_keeps_field_history(pair, staff_user):
    keep, remove = pair["keep"], pair["remove"]
    history_before = keep.history.count()
    organisation_merge(keep, remove, field_choices={"city": "remove"}, acting_user=staff_user)
    entry = AuditEntry.objects.get(action="partners.organisation.merged")
    assert entry.object_id == str(keep.pk) and entry.actor == staff_user
    assert entry.data["removed"]["name"] == "Nordlicht Solar"
    assert entry.data["removed"]["city"] == "Leer"
    assert keep.history.count() == history_before + 1
    assert Organisation.history.filter(id=remove.pk).exists()  # B's history stays too


def test_merge_with_itself_or_bad_choice_is_refused(pair, staff_user):
    with pytest.raises(DomainError):
        organisation_merge(pair["keep"], pair["keep"], field_choices={}, acting_user=staff_user)
    with pytest.raises(DomainError):
        organisation_merge(
            pair["keep"],
            pair["remove"],
            field_choices={"version": "remove"},
            acting_user=staff_user,
        )
    assert Organisation.objects.filter(pk=pair["remove"].pk).exists()


def test_person_merge_moves_roles_consents_and_interactions(staff_user):
    acme = OrganisationFactory()
    keep = PersonFactory(first_name="Eva", last_name="Ernst", email="")
    remove = PersonFactory(first_name="Eva", last_name="Ernst", email="eva@acme.de")
    AffiliationFactory(person=keep, organisation=acme)
    AffiliationFactory(person=remove, organisation=acme, position="Leitung")
    AffiliationFactory(person=remove, organisation=OrganisationFactory())
    ConsentFactory(
        person=remove, purpose="newsletter", granted=True, source="Formular", text_version="2"
    )
    InteractionFactory(
        kind="visit", happened_on=date(2024, 2, 2), person=remove, topic="Besuch", organisation=None
    )
    merged = person_merge(keep, remove, field_choices={"email": "remove"}, acting_user=staff_user)
    assert merged.email == "eva@acme.de"
    assert not Person.objects.filter(pk=remove.pk).exists()
    assert merged.affiliations.count() == 2
    assert merged.affiliations.get(organisation=acme).position == "Leitung"
    assert Consent.objects.get().person == merged
    assert Interaction.objects.get().person == merged
    assert AuditEntry.objects.filter(action="partners.person.merged").count() == 1


def test_merge_pages(pair, staff_client):
    keep, remove = pair["keep"], pair["remove"]
    url = reverse("partners:organisation_merge", args=[keep.pk])
    choose = staff_client.get(url).content.decode()
    assert f"?other={remove.pk}" in choose  # offered as a likely duplicate
    side_by_side = staff_client.get(f"{url}?other={remove.pk}")
    assert side_by_side.status_code == 200 and "Leer" in side_by_side.content.decode()
    response = staff_client.post(url, {"other": remove.pk, "city": "remove"})
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.city == "Leer"
    assert not Organisation.objects.filter(pk=remove.pk).exists()


@pytest.mark.parametrize("other", ["", "abc", "99999999", "-1", "1" * 40])
def test_merge_page_with_tampered_other_id(pair, staff_client, other):
    url = reverse("partners:organisation_merge", args=[pair["keep"].pk])
    response = staff_client.post(url, {"other": other, "city": "remove"})
    assert response.status_code in (400, 404)
    assert Organisation.objects.count() == 2


def test_merge_page_rejects_unknown_choice(pair, staff_client):
    url = reverse("partners:organisation_merge", args=[pair["keep"].pk])
    response = staff_client.post(url, {"other": pair["remove"].pk, "city": "beide"})
    assert response.status_code == 400
    assert Organisation.objects.count() == 2
