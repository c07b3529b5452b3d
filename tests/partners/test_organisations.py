"""Organisation list, detail and public profile as users see them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from innonet.partners.models import (
    Affiliation,
    ConsentPurpose,
)
from innonet.partners.services import membership_set_status
from tests.clock import counting_queries
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    ConsentFactory,
    DistrictFactory,
    InteractionFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
    UnitFactory,
)

LIST = reverse("partners:organisation_list")


def names(response) -> list[str]:
    return [organisation.name for organisation in response.context["object_list"]]


def count_queries(client, url: str) -> int:
    client.get(url)  # warm up: session and cache lookups of a first request
    with counting_queries() as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# Search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["muller", "mueller", "Müller", "MÜLLER", "müller gmbh"])
def test_search_folds_german_spellings(staff_client, query):
    OrganisationFactory(name="Müller GmbH")
    OrganisationFactory(name="Schmidt AG")
    response = staff_client.get(LIST, {"q": query})
    assert names(response) == ["Müller GmbH"]


@pytest.mark.parametrize("query", ["strasse", "Straße", "STRASSE"])
def test_search_folds_sharp_s(staff_client, query):
    OrganisationFactory(name="Werkstatt an der Straße")
    OrganisationFactory(name="Hafenbetrieb")
    assert names(staff_client.get(LIST, {"q": query})) == ["Werkstatt an der Straße"]


def test_result_count_is_shown(staff_client):
    OrganisationFactory.create_batch(3)
    response = staff_client.get(LIST)
    assert response.context["paginator"].count == 3
    assert "3 " in response.content.decode()


# Filters ------------------------------------------------------------------------------------


def test_filters_by_kind_sme_class_district_ris3_and_competence(staff_client):
    district = DistrictFactory()
    ris3 = Ris3FieldFactory()
    competence = CompetenceFactory()
    small = OrganisationFactory(name="Klein GmbH", kind="sme", employees=20, district=district)
    small.ris3_fields.add(ris3)
    uni = OrganisationFactory(name="Hochschule", kind="university")
    UnitFactory(organisation=uni, name="Labor").competences.add(competence)
    OrganisationFactory(name="Groß AG", kind="large", employees=900)

    assert names(staff_client.get(LIST, {"kind": "university"})) == ["Hochschule"]
    assert names(staff_client.get(LIST, {"sme_class": "small"})) == ["Klein GmbH"]
    assert names(staff_client.get(LIST, {"district": district.pk})) == ["Klein GmbH"]
    assert names(staff_client.get(LIST, {"ris3_field": ris3.pk})) == ["Klein GmbH"]
    # A competence of a unit counts for its organisation.
    assert names(staff_client.get(LIST, {"competence": competence.pk})) == ["Hochschule"]
    small.competences.add(competence)
    assert names(staff_client.get(LIST, {"competence": competence.pk})) == [
        "Hochschule",
        "Klein GmbH",
    ]


def test_membership_status_and_network_apply_to_the_same_membership(staff_client, staff_user):
    north, south = NetworkFactory(), NetworkFactory()
    both = OrganisationFactory(name="Aktiv Nord")
    other = OrganisationFactory(name="Aktiv Süd")
    for organisation, network, status in (
        (both, north, "active"),
        (both, south, "ended"),
        (other, south, "active"),
    ):
        membership_set_status(
            organisation,
            network=network,
            status=status,
            valid_from=date(2023, 1, 1),
            acting_user=staff_user,
        )
    query = {"membership_status": "active", "network": south.pk}
    assert names(staff_client.get(LIST, query)) == ["Aktiv Süd"]
    assert names(staff_client.get(LIST, {"membership_status": "active"})) == [
        "Aktiv Nord",
        "Aktiv Süd",
    ]
    assert names(staff_client.get(LIST, {"network": north.pk})) == ["Aktiv Nord"]


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "spaceship"},
        {"district": "not-a-number"},
        {"competence": "999999"},
        {"district": "99999999999999999999999999999999"},
        {"network": "99999999999999999999999999999999"},
        {"q": "x" * 5000},
        {"sort": "password"},
        {"page": "9999"},
    ],
)
def test_bad_filter_input_never_errors(staff_client, query):
    OrganisationFactory()
    response = staff_client.get(LIST, query)
    assert response.status_code in (200, 404)


# Sorting and paging -------------------------------------------------------------------------


def test_sorts_by_each_column_both_ways(staff_client):
    a = OrganisationFactory(name="Alpha", kind="sme", employees=5, district=DistrictFactory())
    b = OrganisationFactory(name="Beta", kind="large", employees=500)
    c = OrganisationFactory(name="Gamma", kind="sme", employees=60)
    a.district.name = "Zeven"
    a.district.save()
    assert names(staff_client.get(LIST, {"sort": "-name"})) == ["Gamma", "Beta", "Alpha"]
    assert names(staff_client.get(LIST, {"sort": "employees"})) == ["Alpha", "Gamma", "Beta"]
    assert names(staff_client.get(LIST, {"sort": "-employees"}))[0] == "Beta"
    # SME class sorts by size, not by the spelling of its code.
    assert names(staff_client.get(LIST, {"sort": "sme_class"})) == ["Alpha", "Gamma", "Beta"]
    assert names(staff_client.get(LIST, {"sort": "kind"})) == ["Beta", "Alpha", "Gamma"]
    assert names(staff_client.get(LIST, {"sort": "-district"}))[0] == "Alpha"
    assert b.sme_class == "large" and c.sme_class == "medium"


def test_pages_hold_25_rows(staff_client):
    # Distinct names: random company names repeat now and then, and the test compares names.
    for number in range(30):
        OrganisationFactory(name=f"Seitenfirma {number:02d} GmbH")
    first = staff_client.get(LIST)
    second = staff_client.get(LIST, {"page": 2})
    assert len(first.context["object_list"]) == 25
    assert len(second.context["object_list"]) == 5
    assert not set(names(first)) & set(names(second))


def test_list_query_count_does_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    district = DistrictFactory()
    OrganisationFactory.create_batch(5, district=district)
    few = count_queries(staff_client, LIST)
    OrganisationFactory.create_batch(25, district=district)
    many = count_queries(staff_client, LIST)
    assert few == many
    with django_assert_max_num_queries(12):
        staff_client.get(LIST)


# Visibility ---------------------------------------------------------------------------------


def test_member_sees_only_its_own_organisation(role_users, client_for):
    OrganisationFactory.create_batch(3)
    response = client_for(role_users["member"]).get(LIST)
    assert names(response) == [role_users["member"].organisation.name]


def test_manager_sees_the_members_of_its_network(role_users, client_for):
    manager = role_users["network_manager"]
    inside = OrganisationFactory(name="Im Netz")
    OrganisationFactory(name="Außerhalb")
    MembershipFactory(organisation=inside, network=manager.network)
    assert names(client_for(manager).get(LIST)) == ["Im Netz"]


def test_export_buttons_only_for_readers(role_users, client_for):
    export = reverse("partners:organisation_export", kwargs={"fmt": "csv"})
    assert export in client_for(role_users["board"]).get(LIST).content.decode()
    assert export not in client_for(role_users["member"]).get(LIST).content.decode()


# Detail -------------------------------------------------------------------------------------


def _populate(organisation, network, staff_user, count: int) -> None:
    for index in range(count):
        unit = UnitFactory(organisation=organisation, name=f"Gruppe {index}")
        unit.competences.add(CompetenceFactory())
        person = PersonFactory(first_name="Vera", last_name=f"Kontakt {index}", email="")
        AffiliationFactory(person=person, organisation=organisation, unit=unit)
        InteractionFactory(
            kind="call",
            happened_on=date(2024, 1, 1 + index),
            organisation=organisation,
            person=person,
            topic=f"Telefonat {index}",
            staff=staff_user,
        )
        membership_set_status(
            organisation,
            network=network,
            status="active" if index % 2 else "paused",
            valid_from=date(2020, 1, 1 + index),
            acting_user=staff_user,
        )


def test_detail_query_count_does_not_grow(staff_client, staff_user):
    network = NetworkFactory()
    small, large = OrganisationFactory(), OrganisationFactory()
    _populate(small, network, staff_user, 2)
    _populate(large, network, staff_user, 12)
    few = count_queries(staff_client, reverse("partners:organisation_detail", args=[small.pk]))
    many = count_queries(staff_client, reverse("partners:organisation_detail", args=[large.pk]))
    assert few == many


def test_detail_shows_everything_to_staff(staff_client, staff_user):
    organisation = OrganisationFactory(
        name="Sensorik Nord GmbH",
        employees=23,
        annual_turnover=Decimal("1500000"),
        balance_sheet_total=None,
    )
    organisation.competences.add(CompetenceFactory(name="Lasertechnik Test"))
    organisation.ris3_fields.add(Ris3FieldFactory(name="Maritimes Testfeld"))
    network = NetworkFactory(name="Netz Küste")
    _populate(organisation, network, staff_user, 2)
    membership_set_status(
        organisation,
        network=network,
        status="ended",
        valid_from=date(2024, 6, 1),
        reason="Insolvenz",
        acting_user=staff_user,
    )
    page = staff_client.get(reverse("partners:organisation_detail", args=[organisation.pk]))
    text = page.content.decode()
    for expected in (
        "Sensorik Nord GmbH",
        "Lasertechnik Test",
        "Maritimes Testfeld",
        "Gruppe 1",
        "Kontakt 1",
        "Netz Küste",
        "Insolvenz",
        "Telefonat 1",
        str(organisation.get_sme_class_display()),
        "23",
    ):
        assert expected in text, expected
    assert (
        reverse(
            "core:audit_object",
            kwargs={
                "content_type_id": page.context["content_type_id"],
                "object_id": organisation.pk,
            },
        )
        in text
    )


def test_member_detail_hides_interactions(role_users, client_for, staff_user):
    member = role_users["member"]
    organisation = member.organisation
    _populate(organisation, NetworkFactory(), staff_user, 1)
    page = client_for(member).get(reverse("partners:organisation_detail", args=[organisation.pk]))
    text = page.content.decode()
    assert "Kontakt 0" in text and "Gruppe 0" in text
    assert "Telefonat 0" not in text
    assert reverse("partners:organisation_update", args=[organisation.pk]) in text


def test_other_member_gets_404_on_detail(role_users, client_for):
    other = role_users["member_b"].organisation
    response = client_for(role_users["member"]).get(
        reverse("partners:organisation_detail", args=[other.pk])
    )
    assert response.status_code == 404


# Public profile -----------------------------------------------------------------------------


def _consent(organisation, granted: bool) -> None:
    person = PersonFactory(first_name="Ida", last_name="Intern", email="ida@firma.de")
    Affiliation.objects.get_or_create(person=person, organisation=organisation)
    ConsentFactory(
        person=person,
        organisation=organisation,
        purpose=ConsentPurpose.PUBLIC_PROFILE,
        granted=granted,
        source="Profilformular",
        text_version="1",
    )


def test_public_profile_follows_the_newest_consent(client, db):
    organisation = OrganisationFactory(name="Offen GmbH", description="Wir bauen Sensoren.")
    url = reverse("partners:organisation_public", args=[organisation.pk])
    assert client.get(url).status_code == 404
    _consent(organisation, granted=True)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Offen GmbH" in text and "Wir bauen Sensoren." in text
    assert "ida@firma.de" not in text and "Intern" not in text
    _consent(organisation, granted=False)
    assert client.get(url).status_code == 404


def test_other_purposes_do_not_open_the_profile(client, db):
    organisation = OrganisationFactory()
    person = PersonFactory(last_name="Nachricht", first_name="", email="")
    ConsentFactory(
        person=person,
        organisation=organisation,
        purpose=ConsentPurpose.NEWSLETTER,
        granted=True,
        source="x",
        text_version="1",
    )
    url = reverse("partners:organisation_public", args=[organisation.pk])
    assert client.get(url).status_code == 404


def test_navigation_partners_item_links_to_the_list(role_users, client_for):
    text = client_for(role_users["member"]).get(LIST).content.decode()
    assert f'href="{LIST}"' in text
    assert 'aria-current="page' in text
