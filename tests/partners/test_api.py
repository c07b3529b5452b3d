"""The registry's REST API: scoping (RELIABILITY 10), mass assignment (11), optimistic locking
(26), bad input, audit, filters shared with the pages, and constant query counts."""

import json
from datetime import date

import pytest

from innonet.accounts import services as account_services
from innonet.core.models import AuditEntry, Competence, District
from innonet.partners.models import (
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
    Unit,
)
from innonet.partners.services import membership_set_status
from tests.clock import counting_queries
from tests.factories import (
    AffiliationFactory,
    InteractionFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)
from tests.nasty import NASTY_STRINGS

pytestmark = pytest.mark.django_db


def token(user, scope="write") -> dict[str, str]:
    _, plain = account_services.api_token_create(
        user, name="test", scope=scope, days=1, acting_user=user
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def call(client, method, url, user, data=None, scope="write"):
    body = json.dumps(data) if data is not None else ""
    return client.generic(method, url, body, content_type="application/json", **token(user, scope))


def person_at(organisation, last_name="Kontakt") -> Person:
    person = PersonFactory(first_name="Erika", last_name=last_name, email="")
    AffiliationFactory(person=person, organisation=organisation, is_main_contact=True)
    return person


@pytest.fixture
def org_a(member_user):
    return member_user.organisation


@pytest.fixture
def org_b(other_member_user):
    organisation = other_member_user.organisation
    UnitFactory(organisation=organisation, name="Geheimlabor")
    person_at(organisation, "Fremd")
    membership_set_status(
        organisation,
        network=NetworkFactory(),
        status="active",
        valid_from=date(2024, 1, 1),
        acting_user=None,
    )
    return organisation


def snapshot_b(organisation):
    organisation.refresh_from_db()
    return (
        organisation.name,
        organisation.version,
        organisation.city,
        list(organisation.units.values_list("name", "description")),
        list(Person.objects.filter(affiliations__organisation=organisation).values("last_name")),
        list(Membership.objects.filter(organisation=organisation).values_list("status")),
    )


# -- RELIABILITY 10: org A's token on org B's objects ------------------------------------------


def test_member_token_on_another_organisations_objects_answers_404(client, member_user, org_b):
    before = snapshot_b(org_b)
    unit = org_b.units.get()
    person = Person.objects.get(affiliations__organisation=org_b)
    membership = Membership.objects.get(organisation=org_b)
    attempts = [
        ("GET", f"/api/organisations/{org_b.pk}/", None),
        ("PATCH", f"/api/organisations/{org_b.pk}/", {"name": "Gekapert", "version": 1}),
        ("GET", f"/api/units/{unit.pk}/", None),
        ("PATCH", f"/api/units/{unit.pk}/", {"description": "gekapert"}),
        ("DELETE", f"/api/units/{unit.pk}/", None),
        ("GET", f"/api/people/{person.pk}/", None),
        ("PATCH", f"/api/people/{person.pk}/", {"last_name": "Gekapert", "version": 1}),
        ("GET", f"/api/memberships/{membership.pk}/", None),
    ]
    for method, url, data in attempts:
        response = call(client, method, url, member_user, data)
        assert response.status_code == 404, (method, url, response.content)
    assert snapshot_b(org_b) == before


def test_lists_hold_none_of_another_organisations_rows(client, member_user, org_a, org_b):
    UnitFactory(organisation=org_a, name="Eigene Gruppe")
    person_at(org_a)
    membership_set_status(
        org_a, network=NetworkFactory(), status="applied", valid_from=date(2025, 1, 1),
        acting_user=None,
    )  # fmt: skip
    for url in ("/api/organisations/", "/api/units/", "/api/people/", "/api/memberships/"):
        rows = call(client, "GET", url, member_user).json()["results"]
        assert rows, url
        text = json.dumps(rows)
        assert "Geheimlabor" not in text and "Fremd" not in text and org_b.name not in text
    ids = [
        r["id"] for r in call(client, "GET", "/api/organisations/", member_user).json()["results"]
    ]
    assert ids == [org_a.pk]


def test_member_cannot_create_units_or_people_for_another_organisation(client, member_user, org_b):
    units, people = Unit.objects.count(), Person.objects.count()
    response = call(
        client, "POST", "/api/units/", member_user, {"organisation": org_b.pk, "name": "Trojaner"}
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    response = call(
        client, "POST", "/api/people/", member_user, {"last_name": "X", "organisation": org_b.pk}
    )
    assert response.status_code == 400
    assert (Unit.objects.count(), Person.objects.count()) == (units, people)


def test_unit_cannot_move_to_another_organisation(client, staff_user, org_a, org_b):
    unit = UnitFactory(organisation=org_a, name="Bleibt")
    response = call(
        client, "PATCH", f"/api/units/{unit.pk}/", staff_user, {"organisation": org_b.pk}
    )
    assert response.status_code == 400
    unit.refresh_from_db()
    assert unit.organisation == org_a


# -- RELIABILITY 11: mass assignment ----------------------------------------------------------


def test_member_patch_persists_none_of_the_server_fields(client, member_user, org_a, org_b):
    org_a.employees = 500
    org_a.save()
    assert org_a.sme_class == "large"
    response = call(
        client,
        "PATCH",
        f"/api/organisations/{org_a.pk}/",
        member_user,
        {
            "version": org_a.version,
            "city": "Bramsche",
            "id": org_b.pk,
            "sme_class": "micro",
            "created_at": "2000-01-01T00:00:00Z",
            "search_text": "gekapert",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == org_a.pk and body["sme_class"] == "large"
    org_a.refresh_from_db()
    assert org_a.city == "Bramsche" and org_a.sme_class == "large"
    assert org_a.created_at.year > 2000 and "gekapert" not in org_a.search_text
    assert org_a.version == 2
    assert Organisation.objects.get(pk=org_b.pk).city == ""


def test_a_version_bump_is_not_assignable(client, member_user, org_a):
    response = call(
        client,
        "PATCH",
        f"/api/organisations/{org_a.pk}/",
        member_user,
        {"version": 99, "city": "Melle"},
    )
    assert response.status_code == 409
    org_a.refresh_from_db()
    assert (org_a.version, org_a.city) == (1, "")


def test_read_only_token_cannot_write(client, member_user, org_a):
    response = call(
        client,
        "PATCH",
        f"/api/organisations/{org_a.pk}/",
        member_user,
        {"version": 1, "city": "Melle"},
        scope="read",
    )
    assert response.status_code == 403
    org_a.refresh_from_db()
    assert org_a.city == ""


def test_staff_creates_an_organisation_through_the_service(client, staff_user):
    district = District.objects.get(slug="stadt-osnabrueck")
    competence = Competence.objects.first()
    response = call(
        client,
        "POST",
        "/api/organisations/",
        staff_user,
        {
            "name": "Dümmer Datentechnik GmbH",
            "kind": "sme",
            "employees": 12,
            "annual_turnover": "1500000.00",
            "district": district.pk,
            "competences": [competence.pk],
            "sme_class": "large",
            "version": 40,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sme_class"] == "small" and body["version"] == 1
    created = Organisation.objects.get(pk=body["id"])
    assert list(created.competences.all()) == [competence]
    assert (
        AuditEntry.objects.filter(
            action="partners.organisation.created", object_id=str(created.pk)
        ).count()
        == 1
    )
    # German search through the shared FilterSet: "Dummer" and "duemmer" both find it.
    for query in ("Dummer", "duemmer", "DÜMMER datentechnik"):
        rows = call(client, "GET", f"/api/organisations/?q={query}", staff_user).json()
        assert [r["id"] for r in rows["results"]] == [created.pk], query


# -- RELIABILITY 26: optimistic locking -------------------------------------------------------


def test_patch_without_version_is_refused(client, staff_user, org_a):
    response = call(client, "PATCH", f"/api/organisations/{org_a.pk}/", staff_user, {"city": "X"})
    assert response.status_code == 400
    assert "version" in response.json()
    org_a.refresh_from_db()
    assert org_a.city == ""


def test_two_editors_on_one_version_one_wins_the_other_gets_409(
    client, staff_user, member_user, org_a
):
    url = f"/api/organisations/{org_a.pk}/"
    first = call(client, "PATCH", url, member_user, {"version": 1, "city": "Melle"})
    second = call(client, "PATCH", url, staff_user, {"version": 1, "city": "Bramsche"})
    assert first.status_code == 200 and first.json()["version"] == 2
    assert second.status_code == 409
    body = second.json()
    assert body["current"]["city"] == "Melle" and body["current"]["version"] == 2
    assert org_a.name in body["detail"]
    org_a.refresh_from_db()
    assert (org_a.city, org_a.version) == ("Melle", 2)
    assert AuditEntry.objects.filter(action="partners.organisation.updated").count() == 1


def test_person_patch_uses_the_version_too(client, member_user, org_a):
    person = person_at(org_a)
    url = f"/api/people/{person.pk}/"
    assert call(client, "PATCH", url, member_user, {"phone": "1"}).status_code == 400
    assert call(client, "PATCH", url, member_user, {"phone": "1", "version": 1}).status_code == 200
    stale = call(client, "PATCH", url, member_user, {"phone": "2", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["phone"] == "1"
    person.refresh_from_db()
    assert (person.phone, person.version) == ("1", 2)


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("employees", -3),
        ("employees", 10**20),
        ("vat_id", "DE12"),
        ("website", "javascript:alert(1)"),
        ("email", "kein-mail"),
        ("name", "x" * 201),
        ("district", 999999),
        ("district", ""),
        ("competences", [999999]),
        ("kind", "konzern"),
        ("annual_turnover", "-1"),
    ],
)
def test_bad_organisation_input_is_a_400_naming_the_field(client, staff_user, field, value):
    response = call(
        client,
        "POST",
        "/api/organisations/",
        staff_user,
        {"name": "Gut GmbH", "kind": "sme", field: value},
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Organisation.objects.exists()


def test_bad_filters_are_errors(client, staff_user):
    for query in ("kind=konzern", "district=abc", "q=", "kind=sme&kind=large", "page=0"):
        response = call(client, "GET", f"/api/organisations/?{query}", staff_user)
        assert response.status_code == 400, query


# -- memberships and interactions ---------------------------------------------------------------


def test_membership_history_is_nested_and_changes_go_through_the_service(client, staff_user, org_a):
    network = NetworkFactory()
    response = call(
        client,
        "POST",
        "/api/memberships/",
        staff_user,
        {"organisation": org_a.pk, "network": network.pk, "status": "applied",
         "valid_from": "2024-03-01", "reason": "Antrag"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    url = f"/api/memberships/{response.json()['id']}/"
    response = call(
        client,
        "POST",
        url + "status/",
        staff_user,
        {"status": "active", "valid_from": "2024-04-01"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "active"
    assert [(c["status"], c["valid_from"]) for c in body["changes"]] == [
        ("applied", "2024-03-01"),
        ("active", "2024-04-01"),
    ]
    before = MembershipStatusChange.objects.count()
    response = call(
        client, "POST", url + "status/", staff_user, {"status": "ended", "valid_from": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "valid_from" in response.json()
    response = call(
        client, "POST", "/api/memberships/", staff_user,
        {"organisation": org_a.pk, "network": network.pk, "valid_from": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert MembershipStatusChange.objects.count() == before


def test_interactions_are_the_offices_own(client, role_users, org_a):
    InteractionFactory(kind="call", happened_on=date(2026, 1, 2), organisation=org_a,
                               topic="Vertraulich")  # fmt: skip
    for role in ("member", "member_b", "network_manager"):
        response = call(client, "GET", "/api/interactions/", role_users[role])
        assert response.status_code == 403, role
    rows = call(client, "GET", "/api/interactions/", role_users["board"]).json()["results"]
    assert [r["topic"] for r in rows] == ["Vertraulich"]
    response = call(
        client, "POST", "/api/interactions/", role_users["staff"],
        {"kind": "visit", "happened_on": "2026-02-01", "topic": "Besuch"},
    )  # fmt: skip
    assert response.status_code == 400, "an interaction needs an organisation or a person"
    response = call(
        client, "POST", "/api/interactions/", role_users["staff"],
        {"kind": "visit", "happened_on": "2026-02-01", "topic": "Besuch",
         "organisation": org_a.pk},
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["staff"] == role_users["staff"].pk


# -- query counts --------------------------------------------------------------------------------


def _grow(count: int) -> None:
    network = NetworkFactory()
    competences = list(Competence.objects.all()[:3])
    for index in range(count):
        organisation = OrganisationFactory()
        organisation.competences.set(competences)
        unit = UnitFactory(organisation=organisation, name=f"Gruppe {index}")
        unit.competences.set(competences)
        person_at(organisation, f"Person{index}")
        membership_set_status(organisation, network=network, status="active",
                              valid_from=date(2024, 1, 1), acting_user=None)  # fmt: skip
        InteractionFactory(kind="call", happened_on=date(2026, 1, 2),
                                   organisation=organisation, topic="Telefonat")  # fmt: skip


@pytest.mark.parametrize(
    "url",
    ["/api/organisations/", "/api/units/", "/api/people/", "/api/memberships/",
     "/api/interactions/"],
)  # fmt: skip
def test_list_query_count_does_not_grow_with_rows(client, url):
    staff = UserFactory(role="staff")
    headers = token(staff)
    client.get(url, **headers)  # the token's first use is recorded once
    counts = []
    for rows in (2, 12):
        _grow(rows - len(counts) * 2)
        with counting_queries() as queries:
            response = client.get(url, **headers)
        assert response.status_code == 200
        assert len(response.json()["results"]) >= rows
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# -- nasty strings through every writable text field (RELIABILITY 13) ---------------------------

CORPUS_FIELDS = {
    "/api/organisations/": (
        {"name": "Korpus GmbH", "kind": "sme"},
        ["name", "legal_form", "register_id", "street", "city", "description", "keywords"],
    ),
    "/api/people/": ({"last_name": "Korpus"}, ["title", "first_name", "last_name", "phone"]),
}


@pytest.mark.parametrize("url", sorted(CORPUS_FIELDS))
def test_writable_fields_take_the_nasty_corpus(client, staff_user, url):
    headers = token(staff_user)
    valid, fields = CORPUS_FIELDS[url]
    for field in fields:
        for value in NASTY_STRINGS:
            body = json.dumps({**valid, field: value}, ensure_ascii=False)
            response = client.generic(
                "POST", url, body.encode("utf-8", "surrogatepass"), "application/json", **headers
            )
            assert response.status_code in (201, 400), (field, value[:30], response.content)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/organisations/", {"name": "Hase Robotik GmbH", "kind": "sme"}),
        ("/api/people/", {"first_name": "Jana", "last_name": "Doppelklick"}),
    ],
)
def test_a_replayed_create_in_the_registry_creates_one_record(client, staff_user, url, body):
    headers = {**token(staff_user), "HTTP_IDEMPOTENCY_KEY": f"retry-{url}"}
    payload = json.dumps(body)
    first = client.post(url, payload, content_type="application/json", **headers)
    second = client.post(url, payload, content_type="application/json", **headers)
    assert first.status_code == second.status_code == 201, first.content
    assert first.json()["id"] == second.json()["id"]
    assert second["Idempotent-Replayed"] == "true"
    model = Organisation if "organisations" in url else Person
    assert model.objects.filter(pk=first.json()["id"]).count() == 1
    assert (
        AuditEntry.objects.filter(
            action__startswith="partners.", action__endswith=".created"
        ).count()
        == 1
    )
