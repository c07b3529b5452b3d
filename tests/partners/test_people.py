"""People pages as staff, board and member users see them: list, detail, create, edit."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import AuditEntry
from innonet.partners.models import Person
from tests.clock import counting_queries
from tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("partners:person_list")


def person_at(organisation, last_name="Müller", **fields):
    person = Person.objects.create(last_name=last_name, **fields)
    AffiliationFactory(person=person, organisation=organisation)
    return person


def names(response) -> list[str]:
    return [person.last_name for person in response.context["object_list"]]


def test_staff_and_board_see_everyone_a_member_only_its_own_organisation(role_users, client_for):
    own = person_at(role_users["member"].organisation, "Eigenmann")
    other = person_at(role_users["member_b"].organisation, "Fremdling")
    for role in ("staff", "board"):
        response = client_for(role_users[role]).get(LIST)
        assert {own.last_name, other.last_name} <= set(names(response))
    response = client_for(role_users["member"]).get(LIST)
    assert names(response) == [own.last_name]
    assert "Fremdling" not in response.content.decode()


def test_network_managers_see_no_people(role_users, client_for):
    person_at(role_users["member"].organisation)
    assert client_for(role_users["network_manager"]).get(LIST).status_code == 403


@pytest.mark.parametrize("query", ["Müller", "mueller", "MULLER", "müll", "Jürgen Mül"])
def test_search_folds_german_spelling(query, staff_client):
    organisation = OrganisationFactory()
    person_at(organisation, "Müller", first_name="Jürgen")
    person_at(organisation, "Schmidt", first_name="Anna")
    response = staff_client.get(LIST, {"q": query})
    assert names(response) == ["Müller"]


def test_search_finds_sharp_s_spelled_out(staff_client):
    person_at(OrganisationFactory(), "Weiß")
    assert names(staff_client.get(LIST, {"q": "weiss"})) == ["Weiß"]


def test_filters_by_organisation_language_and_consent(staff_user, staff_client):
    first, second = OrganisationFactory(), OrganisationFactory()
    anna = person_at(first, "Albers", language="en")
    bernd = person_at(second, "Berger")
    carla = person_at(second, "Claasen")
    assert names(staff_client.get(LIST, {"organisation": first.pk})) == ["Albers"]
    assert names(staff_client.get(LIST, {"language": "en"})) == ["Albers"]
    for person in (anna, bernd):
        ConsentFactory(
            person=person, purpose="newsletter", granted=True, source="Formular", text_version="1"
        )
    ConsentFactory(
        person=bernd, purpose="newsletter", granted=False, source="Telefonat", text_version="1"
    )
    ConsentFactory(
        person=carla, purpose="partner_sharing", granted=True, source="Mail", text_version="1"
    )
    assert names(staff_client.get(LIST, {"consent": "newsletter"})) == ["Albers"]
    assert names(staff_client.get(LIST, {"consent": "partner_sharing"})) == ["Claasen"]


def test_member_cannot_filter_by_another_organisation(role_users, client_for):
    person_at(role_users["member"].organisation, "Eigenmann")
    person_at(role_users["member_b"].organisation, "Fremdling")
    response = client_for(role_users["member"]).get(
        LIST, {"organisation": role_users["member_b"].organisation.pk}
    )
    assert response.status_code == 200
    assert "Fremdling" not in response.content.decode()
    assert response.context["filter"].errors


def test_sorted_by_name_and_by_organisation(staff_client):
    zeta, alpha = OrganisationFactory(name="Zeta AG"), OrganisationFactory(name="Alpha GmbH")
    person_at(zeta, "Adler")
    person_at(alpha, "Zander")
    assert names(staff_client.get(LIST, {"sort": "name"})) == ["Adler", "Zander"]
    assert names(staff_client.get(LIST, {"sort": "-name"})) == ["Zander", "Adler"]
    assert names(staff_client.get(LIST, {"sort": "organisation"})) == ["Zander", "Adler"]
    assert names(staff_client.get(LIST, {"sort": "-organisation"})) == ["Adler", "Zander"]
    assert names(staff_client.get(LIST, {"sort": "'; DROP"})) == ["Adler", "Zander"]


def test_erased_people_are_left_out_unless_asked_for(staff_client):
    organisation = OrganisationFactory()
    person_at(organisation, "Bleibt")
    gone = person_at(organisation, "Geloescht")
    Person.objects.filter(pk=gone.pk).update(erased_at=timezone.now())
    assert names(staff_client.get(LIST)) == ["Bleibt"]
    response = staff_client.get(LIST, {"erased": "true"})
    assert names(response) == ["Geloescht"]
    assert "(erased person)" in response.content.decode() or "(gelöschte Person)" in (
        response.content.decode()
    )


def _list_queries(client, count: int, organisation) -> int:
    for number in range(count):
        person_at(organisation, f"Person{number:03}")
    client.get(LIST)  # the first request of a session does its own bookkeeping
    with counting_queries() as context:
        response = client.get(LIST, {"sort": "organisation"})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["staff", "member"])
def test_list_query_count_does_not_grow_with_rows(role, role_users, client_for):
    client = client_for(role_users[role])
    organisation = role_users["member"].organisation
    few = _list_queries(client, 2, organisation)
    many = _list_queries(client, 23, organisation)
    assert many == few


def test_list_is_paginated(staff_client, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    for number in range(30):
        person_at(organisation, f"Person{number:03}")
    with django_assert_max_num_queries(12):
        first = staff_client.get(LIST)
    assert len(first.context["object_list"]) == 25
    assert len(staff_client.get(LIST, {"page": 2}).context["object_list"]) == 5


# -- detail ---------------------------------------------------------------------------------


def test_detail_shows_roles_consent_log_and_interactions_to_readers(role_users, client_for):
    organisation = role_users["member"].organisation
    person = PersonFactory(first_name="Jana", last_name="Kühn", email="")
    AffiliationFactory(
        person=person,
        organisation=organisation,
        position="Leiterin Entwicklung",
        is_main_contact=True,
        started_on=date(2020, 1, 1),
    )
    for granted, source in ((True, "Formular Veranstaltung"), (False, "Telefonat")):
        ConsentFactory(
            person=person, purpose="newsletter", granted=granted, source=source, text_version="v3"
        )
    InteractionFactory(
        kind="call",
        happened_on=date(2025, 1, 2),
        person=person,
        topic="Vertrauliche Notiz",
        organisation=None,
    )
    url = reverse("partners:person_detail", kwargs={"pk": person.pk})
    for role in ("staff", "board"):
        page = client_for(role_users[role]).get(url).content.decode()
        assert "Leiterin Entwicklung" in page
        assert page.index("Telefonat") < page.index("Formular Veranstaltung")  # newest first
        assert "Vertrauliche Notiz" in page
        assert "/audit/" in page
    member_page = client_for(role_users["member"]).get(url).content.decode()
    assert "Leiterin Entwicklung" in member_page
    assert "Vertrauliche Notiz" not in member_page
    assert "Telefonat" not in member_page


def test_detail_of_another_organisations_person_is_404(role_users, client_for):
    person = person_at(role_users["member_b"].organisation)
    url = reverse("partners:person_detail", kwargs={"pk": person.pk})
    assert client_for(role_users["member"]).get(url).status_code == 404


# -- create ---------------------------------------------------------------------------------

CREATE = reverse("partners:person_create")


def test_staff_creates_a_person_at_an_organisation(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        CREATE,
        {
            "first_name": "Özlem",
            "last_name": "Yilmaz-Şahin",
            "email": "oezlem@beispiel.de",
            "language": "de",
            "organisation": organisation.pk,
            "position": "Einkauf",
        },
    )
    person = Person.objects.get(last_name="Yilmaz-Şahin")
    assert response.status_code == 302
    assert person.affiliations.get().organisation == organisation
    assert (
        AuditEntry.objects.filter(
            action="partners.person.created", object_id=str(person.pk)
        ).count()
        == 1
    )


def test_member_creates_a_person_at_its_own_organisation_only(role_users, client_for):
    member = role_users["member"]
    response = client_for(member).post(
        CREATE,
        {
            "last_name": "Neumann",
            "language": "de",
            "organisation": role_users["member_b"].organisation.pk,  # tampered
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="Neumann")
    assert list(person.affiliations.values_list("organisation", flat=True)) == [
        member.organisation_id
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("last_name", "x" * 81),
        ("last_name", ""),
        ("email", "keine-adresse"),
        ("email", "a@b"),
        ("language", "fr"),
        ("phone", "1" * 41),
    ],
)
def test_create_rejects_bad_input_and_writes_nothing(field, value, staff_client):
    data = {"last_name": "Gültig", "language": "de", field: value}
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Person.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="partners.person").exists()


def test_staff_cannot_attach_to_an_unknown_organisation(staff_client):
    data = {"last_name": "Gültig", "language": "de", "organisation": 999999}
    response = staff_client.post(CREATE, data)
    assert "organisation" in response.context["form"].errors
    assert not Person.objects.exists()


# -- edit with optimistic locking -------------------------------------------------------------


def _edit(client, person, **changes):
    data = {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "language": person.language,
        "version": person.version,
        **changes,
    }
    return client.post(reverse("partners:person_update", kwargs={"pk": person.pk}), data)


def test_two_editors_one_wins_the_other_sees_the_current_data(staff_user, role_users, client_for):
    person = person_at(role_users["member"].organisation, "Alt", email="alt@firma.de")
    loaded_by_both = Person.objects.get(pk=person.pk)
    first = _edit(client_for(staff_user), loaded_by_both, phone="0541 123")
    assert first.status_code == 302
    second = _edit(client_for(role_users["member"]), loaded_by_both, email="neu@firma.de")
    assert second.status_code == 409
    page = second.content.decode()
    assert "0541 123" in page  # the current data is shown
    assert second.context["form"].non_field_errors()
    person.refresh_from_db()
    assert (person.phone, person.email, person.version) == ("0541 123", "alt@firma.de", 2)
    # Resubmitting from the conflict page (it carries the new version) applies the change.
    again = _edit(client_for(role_users["member"]), person, email="neu@firma.de")
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.email, person.version) == ("0541 123", "neu@firma.de", 3)


def test_edit_without_version_is_refused(staff_client):
    person = person_at(OrganisationFactory(), "Ohne")
    response = _edit(staff_client, person, version="", last_name="Mit")
    assert response.status_code == 200
    assert "version" in response.context["form"].errors
    person.refresh_from_db()
    assert person.last_name == "Ohne"


@pytest.mark.parametrize(
    ("field", "value"), [("email", "kaputt@"), ("last_name", "y" * 200), ("version", "1e309")]
)
def test_edit_rejects_bad_input(field, value, staff_client):
    person = person_at(OrganisationFactory(), "Bleibt", email="ok@firma.de")
    response = _edit(staff_client, person, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors
    person.refresh_from_db()
    assert (person.last_name, person.email, person.version) == ("Bleibt", "ok@firma.de", 1)


def test_member_cannot_edit_another_organisations_person(role_users, client_for):
    person = person_at(role_users["member_b"].organisation, "Fremd")
    response = _edit(client_for(role_users["member"]), person, last_name="Gekapert")
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.last_name == "Fremd"


def test_erased_person_cannot_be_edited(staff_client):
    person = person_at(OrganisationFactory(), "Weg")
    Person.objects.filter(pk=person.pk).update(erased_at=timezone.now())
    assert _edit(staff_client, person, last_name="Wieder").status_code == 404


def test_edit_writes_one_audit_entry_and_history(staff_client):
    person = person_at(OrganisationFactory(), "Vorher")
    _edit(staff_client, person, last_name="Nachher")
    entries = AuditEntry.objects.filter(action="partners.person.updated", object_id=str(person.pk))
    assert entries.count() == 1
    assert entries.get().data == {"fields": ["last_name"]}
    assert person.history.count() == 2


def _detail_queries(client, rows: int) -> int:
    person = PersonFactory(last_name="Viele", first_name="", email="")
    for _number in range(rows):
        AffiliationFactory(person=person, organisation=OrganisationFactory())
        ConsentFactory(
            person=person, purpose="newsletter", granted=True, source="Mail", text_version="1"
        )
        InteractionFactory(
            kind="call",
            happened_on=date(2025, 1, 2),
            person=person,
            topic="Anruf",
            organisation=None,
        )
    url = reverse("partners:person_detail", kwargs={"pk": person.pk})
    client.get(url)
    with counting_queries() as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_detail_query_count_does_not_grow_with_rows(staff_client):
    assert _detail_queries(staff_client, 1) == _detail_queries(staff_client, 12)


def test_filter_by_organisation_name_folds_german_spelling(staff_client):
    mueller = OrganisationFactory(name="Müller Agrarsensorik GmbH")
    other = OrganisationFactory(name="Hasetal Datentechnik GmbH")
    inside = PersonFactory(first_name="Jörg", last_name="Weiß", email="")
    outside = PersonFactory(first_name="Anna", last_name="Schmidt", email="")
    AffiliationFactory(person=inside, organisation=mueller)
    AffiliationFactory(person=outside, organisation=other)
    page = staff_client.get(LIST, {"organisation_name": "mueller agrar"}).content.decode()
    assert "Weiß" in page and "Schmidt" not in page
    # The page offers a text box, not a select box listing every organisation.
    assert 'name="organisation_name"' in page
    assert "<option" not in page.split('name="organisation_name"')[1].split("</div>")[0]
