"""The member directory: only organisations that consented, searchable and filterable, a flat
query count, no people; contact through the office, stored, with bad input refused."""

import pytest
from django.urls import reverse

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.partners.models import ContactRequest, ContactRequestStatus, MemberVisibility
from innonet.partners.services import contact_request_create, contact_request_done
from tests.clock import counting_queries
from tests.core.test_nasty_input import FORM, encode_form
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    DistrictFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
    UnitFactory,
    UserFactory,
)
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("partners:directory")
SHOWN = MemberVisibility.SHOWN


def names(response) -> list[str]:
    assert response.status_code == 200
    return [organisation.name for organisation in response.context["object_list"]]


def detail(organisation) -> str:
    return reverse("partners:directory_detail", kwargs={"pk": organisation.pk})


@pytest.fixture
def member_client(member_user, client_for):
    return client_for(member_user)


def test_new_organisations_are_hidden_until_they_consent():
    assert OrganisationFactory().member_visibility == MemberVisibility.HIDDEN


def test_only_consenting_organisations_are_listed(member_client):
    OrganisationFactory(name="Sichtbar GmbH", member_visibility=SHOWN)
    hidden = OrganisationFactory(name="Verborgen GmbH")
    assert names(member_client.get(DIRECTORY)) == ["Sichtbar GmbH"]
    assert member_client.get(detail(hidden)).status_code == 404


def test_the_detail_shows_research_groups_but_no_people(member_client):
    organisation = OrganisationFactory(
        name="Hochschule Nord", member_visibility=SHOWN, email="info@hs-nord.de"
    )
    sensing = CompetenceFactory(name="Funksensorik")
    unit = UnitFactory(organisation=organisation, name="Labor Funknetze")
    unit.competences.add(sensing)
    person = PersonFactory(first_name="Petra", last_name="Privat", email="petra@hs-nord.de")
    AffiliationFactory(person=person, organisation=organisation)
    content = member_client.get(detail(organisation)).content.decode()
    assert "Labor Funknetze" in content and "Funksensorik" in content
    for private in ("Privat", "petra@hs-nord.de", "info@hs-nord.de"):
        assert private not in content


def test_filters_by_competence_also_of_a_research_group(member_client):
    sensing = CompetenceFactory(name="Funksensorik")
    own = OrganisationFactory(name="Alpha Sensorik", member_visibility=SHOWN)
    own.competences.add(sensing)
    through_unit = OrganisationFactory(name="Beta Hochschule", member_visibility=SHOWN)
    UnitFactory(organisation=through_unit).competences.add(sensing)
    OrganisationFactory(name="Gamma Recht", member_visibility=SHOWN)
    hidden = OrganisationFactory(name="Delta Verborgen")
    hidden.competences.add(sensing)
    assert names(member_client.get(DIRECTORY, {"competence": sensing.pk})) == [
        "Alpha Sensorik",
        "Beta Hochschule",
    ]


def test_filters_by_ris3_field_district_and_text(member_client):
    energy = Ris3FieldFactory(name="Testfeld Windenergie")
    emsland = DistrictFactory(name="Emsland")
    first = OrganisationFactory(name="Windkraft Müller", member_visibility=SHOWN, district=emsland)
    first.ris3_fields.add(energy)
    OrganisationFactory(name="Bäckerei Schulz", member_visibility=SHOWN)
    assert names(member_client.get(DIRECTORY, {"ris3_field": energy.pk})) == ["Windkraft Müller"]
    assert names(member_client.get(DIRECTORY, {"district": emsland.pk})) == ["Windkraft Müller"]
    assert names(member_client.get(DIRECTORY, {"q": "mueller"})) == ["Windkraft Müller"]


def test_sorts_and_pages(member_client):
    north, south = DistrictFactory(name="Aurich"), DistrictFactory(name="Zollernalb")
    for number in range(25):
        OrganisationFactory(
            name=f"Firma {number:02d}",
            member_visibility=SHOWN,
            district=north if number % 2 else south,
        )
    first_page = names(member_client.get(DIRECTORY, {"sort": "-name"}))
    assert first_page[0] == "Firma 24" and len(first_page) == 20
    assert len(names(member_client.get(DIRECTORY, {"sort": "-name", "page": 2}))) == 5
    by_district = names(member_client.get(DIRECTORY, {"sort": "district"}))
    assert by_district[0] == "Firma 01"


def _queries(client) -> int:
    client.get(DIRECTORY)
    with counting_queries() as context:
        assert client.get(DIRECTORY).status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_rows(member_client):
    competence = CompetenceFactory()

    def add(count):
        for _ in range(count):
            organisation = OrganisationFactory(member_visibility=SHOWN, district=DistrictFactory())
            organisation.competences.add(competence)
            UnitFactory(organisation=organisation)

    add(2)
    few = _queries(member_client)
    add(15)
    assert _queries(member_client) == few


def test_network_managers_do_not_read_the_directory(client_for, manager_user):
    assert client_for(manager_user).get(DIRECTORY).status_code == 403


# Contact through the office -----------------------------------------------------------------


def test_a_member_asks_for_contact_and_the_office_finds_it(member_client, member_user,
                                                           staff_client):  # fmt: skip
    target = OrganisationFactory(name="Hochschule Nord", member_visibility=SHOWN)
    group = UnitFactory(organisation=target, name="Labor Funknetze")
    response = member_client.post(
        detail(target), {"unit": group.pk, "message": "Wir suchen Partner für LoRaWAN."}
    )
    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert (request.organisation, request.unit, request.requesting_organisation) == (
        target,
        group,
        member_user.organisation,
    )
    assert request.status == ContactRequestStatus.OPEN
    listed = staff_client.get(reverse("partners:contact_request_list")).content.decode()
    assert "Wir suchen Partner für LoRaWAN." in listed and "Hochschule Nord" in listed
    staff_client.post(reverse("partners:contact_request_done", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.status == ContactRequestStatus.DONE and request.handled_by is not None


def test_asking_twice_keeps_one_open_request(member_user):
    target = OrganisationFactory(member_visibility=SHOWN)
    first = contact_request_create(target, message="Hallo", acting_user=member_user)
    again = contact_request_create(target, message="Noch einmal", acting_user=member_user)
    assert first == again and ContactRequest.objects.count() == 1


@pytest.mark.parametrize(
    "case",
    ["own organisation", "hidden organisation", "foreign unit", "not a member", "no message"],
)
def test_refused_requests_write_nothing(case, member_user, staff_user):
    target = OrganisationFactory(member_visibility=SHOWN)
    arguments = {"message": "Hallo", "acting_user": member_user}
    if case == "own organisation":
        target = member_user.organisation
        target.member_visibility = SHOWN
        target.save()
    elif case == "hidden organisation":
        target = OrganisationFactory()
    elif case == "foreign unit":
        arguments["unit"] = UnitFactory()
    elif case == "not a member":
        arguments["acting_user"] = staff_user
    else:
        arguments["message"] = "   "
    entries = AuditEntry.objects.count()
    with pytest.raises(DomainError):
        contact_request_create(target, **arguments)
    assert not ContactRequest.objects.exists()
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("nasty", NASTY_STRINGS)
def test_hostile_messages_never_500(nasty, member_client):
    target = OrganisationFactory(member_visibility=SHOWN)
    response = member_client.post(
        detail(target), encode_form({"message": nasty}), content_type=FORM
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert_no_raw_markers(response.content.decode())
        assert not ContactRequest.objects.exists()
    else:
        stored = ContactRequest.objects.get().message
        assert "\x00" not in stored and len(stored) <= 2000


def test_a_posted_unit_id_that_is_no_number_is_a_form_error(member_client):
    target = OrganisationFactory(member_visibility=SHOWN)
    UnitFactory(organisation=target)
    for bad in ("abc", "99999999999999999999999", "-1"):
        response = member_client.post(detail(target), {"unit": bad, "message": "Hallo"})
        assert response.status_code == 200
    assert not ContactRequest.objects.exists()


def test_only_the_office_marks_requests_done(member_user, board_user):
    request = contact_request_create(
        OrganisationFactory(member_visibility=SHOWN), message="Hallo", acting_user=member_user
    )
    with pytest.raises(DomainError):
        contact_request_done(request, acting_user=board_user)


def test_members_set_their_own_consent(client_for):
    member = UserFactory(role="member")
    organisation = member.organisation
    client = client_for(member)
    url = reverse("partners:organisation_update", kwargs={"pk": organisation.pk})
    response = client.post(
        url,
        {"version": organisation.version, "name": organisation.name, "kind": organisation.kind,
         "member_visibility": SHOWN},
    )  # fmt: skip
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.member_visibility == SHOWN
    assert names(client.get(DIRECTORY)) == [organisation.name]
