"""API input: mass assignment and the nasty-string corpus through every writable field."""

import json

import pytest

from innonet.accounts import services
from innonet.core.models import Ris3Field
from tests.factories import UserFactory
from tests.nasty import NASTY_STRINGS

WRITABLE_STRING_FIELDS = {
    "/api/ris3-fields/": ["name", "description"],
    "/api/competences/": ["name", "description", "synonyms"],
    "/api/districts/": ["name", "description", "state", "official_key"],
    "/api/countries/": ["code", "name", "name_en"],
}
VALID = {
    "/api/ris3-fields/": {"name": "Feld"},
    "/api/competences/": {"name": "Kompetenz"},
    "/api/districts/": {"name": "Kreis", "state": "Niedersachsen"},
    "/api/countries/": {"code": "XK", "name": "Kosovo", "name_en": "Kosovo"},
}


@pytest.fixture
def staff_headers(db):
    user = UserFactory(role="staff")
    _, plain = services.api_token_create(user, name="t", scope="write", days=1, acting_user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def post_json(client, url, data, headers):
    body = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return client.generic("POST", url, body, content_type="application/json", **headers)


@pytest.mark.parametrize("url", sorted(WRITABLE_STRING_FIELDS))
def test_every_writable_field_takes_the_corpus(url, client, staff_headers):
    for field in WRITABLE_STRING_FIELDS[url]:
        for value in NASTY_STRINGS:
            response = post_json(client, url, {**VALID[url], field: value}, staff_headers)
            assert response.status_code in (201, 400), (url, field, value[:30], response.content)


def test_server_managed_fields_cannot_be_assigned(client, staff_headers):
    response = post_json(
        client,
        "/api/ris3-fields/",
        {"name": "Quantentechnik", "id": 987654, "slug": "gewaehlt", "created_at": "2000-01-01"},
        staff_headers,
    )
    assert response.status_code == 201
    term = Ris3Field.objects.get(name="Quantentechnik")
    assert term.pk != 987654 and term.slug == "quantentechnik"
    assert term.created_at.year > 2000


def test_own_account_cannot_be_changed_through_the_api(client, db):
    member = UserFactory(role="member")
    _, plain = services.api_token_create(
        member, name="t", scope="write", days=1, acting_user=member
    )
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    for method in ("PATCH", "PUT", "POST"):
        response = client.generic(
            method, "/api/me/", json.dumps({"role": "staff"}), "application/json", **headers
        )
        assert response.status_code == 405
    member.refresh_from_db()
    assert member.role == "member"


def test_form_encoded_bodies_are_refused(client, staff_headers):
    response = client.post("/api/ris3-fields/", {"name": "Formular"}, **staff_headers)
    assert response.status_code == 415
    assert not Ris3Field.objects.filter(name="Formular").exists()


@pytest.mark.parametrize("bad_id", [1.5, True, "1.0", "1e2", " 1"])
def test_an_id_is_a_whole_number(bad_id, client, staff_headers):
    """Attack run, finding 11: 1.5 was taken as the id 1."""
    from innonet.core.models import Competence
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    competence = Competence.objects.order_by("pk").first()
    for body in (
        {"organisation": bad_id if bad_id is not True else True, "name": "Gruppe"},
        {"organisation": organisation.pk, "name": "Gruppe", "competences": [bad_id]},
    ):
        if body.get("competences") == [bad_id] and isinstance(bad_id, float):
            body["competences"] = [competence.pk + 0.5]
        response = post_json(client, "/api/units/", body, staff_headers)
        assert response.status_code == 400, (body, response.content)
    assert not organisation.units.exists()


def test_a_body_nested_beyond_reason_is_a_400(client, staff_headers):
    """Attack run, finding 3: a RecursionError answered 500."""
    for body in ("[" * 100_000 + "]" * 100_000, '{"a":' * 40 + "1" + "}" * 40):
        response = client.generic(
            "POST", "/api/people/", body, content_type="application/json", **staff_headers
        )
        assert response.status_code == 400
        assert response.json()["detail"]
