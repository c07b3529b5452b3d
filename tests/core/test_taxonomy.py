"""Taxonomy pages: the board reads, staff write through forms that reject bad input clearly."""

import pytest
from django.urls import reverse

from innonet.core.collation import german_key
from innonet.core.models import AuditEntry, Competence, Country, District, Ris3Field
from innonet.core.services import slugify_german
from tests.clock import counting_queries
from tests.factories import CompetenceFactory, Ris3FieldFactory

pytestmark = pytest.mark.django_db

KINDS = {
    "ris3-fields": Ris3Field,
    "competences": Competence,
    "districts": District,
    "countries": Country,
}
VALID = {
    "ris3-fields": {"name": "Quantentechnologie", "description": "Neue Rechner."},
    "competences": {"name": "Quantencomputing", "synonyms": "Quantum computing\nQubits"},
    "districts": {"name": "Landkreis Oldenburg", "state": "Niedersachsen", "area": "other"},
    "countries": {"code": "XK", "name": "Kosovo", "name_en": "Kosovo"},
}


def list_url(kind: str) -> str:
    return reverse("core:taxonomy_list", kwargs={"kind": kind})


def create_url(kind: str) -> str:
    return reverse("core:taxonomy_create", kwargs={"kind": kind})


def update_url(kind: str, pk: int) -> str:
    return reverse("core:taxonomy_update", kwargs={"kind": kind, "pk": pk})


def toggle_url(kind: str, pk: int) -> str:
    return reverse("core:taxonomy_toggle", kwargs={"kind": kind, "pk": pk})


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


# Pages -----------------------------------------------------------------------------------------


def test_index_lists_the_four_taxonomies_with_counts(staff_client):
    response = staff_client.get(reverse("core:taxonomy_index"))
    assert response.status_code == 200
    counts = {row["kind"].slug: row["total"] for row in response.context["rows"]}
    assert counts == {kind: model.objects.count() for kind, model in KINDS.items()}
    for kind in KINDS:
        assert list_url(kind) in response.content.decode()


@pytest.mark.parametrize("kind", list(KINDS))
def test_list_pages_paginate_with_a_query_ceiling(
    staff_client, kind, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = staff_client.get(list_url(kind))
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert len(page.object_list) == min(25, KINDS[kind].objects.count())


def test_list_query_count_does_not_grow_with_rows(staff_client):
    CompetenceFactory.create_batch(3, parent=Competence.objects.first())
    staff_client.get(list_url("competences"))  # warm caches (content types, session)
    with counting_queries() as few:
        staff_client.get(list_url("competences") + "?q=Testkompetenz")
    CompetenceFactory.create_batch(10, parent=Competence.objects.first())
    with counting_queries() as many:
        staff_client.get(list_url("competences") + "?q=Testkompetenz")
    assert len(many) == len(few)


def test_search_filter_and_sort(staff_client):
    response = staff_client.get(list_url("districts") + "?q=kreis&area=core")
    names = [term.name for term in response.context["object_list"]]
    assert names == ["Landkreis Osnabrück"]

    retired = Ris3FieldFactory(name="Alter Schwerpunkt", is_active=False)
    response = staff_client.get(list_url("ris3-fields") + "?is_active=false")
    assert [t.pk for t in response.context["object_list"]] == [retired.pk]

    response = staff_client.get(list_url("countries") + "?sort=-name&is_eu=true")
    names = [term.name for term in response.context["object_list"]]
    assert len(names) == 25
    assert names == sorted(names, key=german_key, reverse=True)  # Österreich among the O's
    response = staff_client.get(list_url("countries") + "?sort=code&is_eu=true&page=2")
    assert [t.code for t in response.context["object_list"]] == ["SI", "SK"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?sort=password", 200),
        ("?sort=-name&sort=pk", 200),
        ("?is_active=vielleicht", 200),
        ("?parent=abc", 200),
        ("?q=" + "x" * 500, 200),
        ("?q=%00", 200),
        ("?page=999", 404),
        ("?page=-1", 404),
    ],
)
def test_bad_list_parameters_do_not_fail(staff_client, query, status):
    assert staff_client.get(list_url("competences") + query).status_code == status


@pytest.mark.parametrize("kind", list(KINDS))
def test_staff_creates_a_term_with_audit_entry(staff_client, kind):
    model = KINDS[kind]
    response = staff_client.post(create_url(kind), VALID[kind])
    assert response.status_code == 302
    assert response["Location"] == list_url(kind)
    term = model.objects.get(name=VALID[kind]["name"])
    assert AuditEntry.objects.for_object(term).filter(action="core.taxonomy.created").count() == 1


def test_slug_is_generated_with_german_transliteration(staff_client):
    staff_client.post(create_url("ris3-fields"), {"name": "Ökologische Süßwasserwirtschaft"})
    term = Ris3Field.objects.get(name="Ökologische Süßwasserwirtschaft")
    assert term.slug == "oekologische-suesswasserwirtschaft"
    assert slugify_german("Ärzte für Übermorgen") == "aerzte-fuer-uebermorgen"


def test_staff_edits_a_competence_and_the_slug_stays(staff_client):
    term = Competence.objects.get(slug="robotik")
    response = staff_client.post(
        update_url("competences", term.pk),
        {"name": "Robotik und Cobots", "synonyms": "Robotics\n  Roboter  \n\n", "parent": ""},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "Robotik und Cobots"
    assert term.slug == "robotik"
    assert term.synonym_list == ["Robotics", "Roboter"]
    entry = AuditEntry.objects.for_object(term).get(action="core.taxonomy.updated")
    assert set(entry.data["fields"]) == {"name", "synonyms"}


def test_country_code_cannot_be_changed_on_edit(staff_client):
    germany = Country.objects.get(code="DE")
    response = staff_client.post(
        update_url("countries", germany.pk),
        {"code": "XX", "name": "Deutschland", "name_en": "Germany", "is_eu": "on"},
    )
    assert response.status_code == 302
    germany.refresh_from_db()
    assert germany.code == "DE"


def test_retire_and_reactivate(staff_client):
    term = Ris3Field.objects.get(slug="energie")
    response = staff_client.post(toggle_url("ris3-fields", term.pk), {"active": "0"})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.is_active is False
    assert Ris3Field.objects.filter(pk=term.pk).exists()
    staff_client.post(toggle_url("ris3-fields", term.pk), {"active": "1"})
    term.refresh_from_db()
    assert term.is_active is True
    actions = list(
        AuditEntry.objects.for_object(term).order_by("id").values_list("action", flat=True)
    )
    assert actions == ["core.taxonomy.retired", "core.taxonomy.reactivated"]


def test_toggle_needs_post_and_a_clear_choice(staff_client):
    term = Ris3Field.objects.get(slug="energie")
    assert staff_client.get(toggle_url("ris3-fields", term.pk)).status_code == 405
    assert staff_client.post(toggle_url("ris3-fields", term.pk), {}).status_code == 400
    assert staff_client.post(toggle_url("ris3-fields", term.pk), {"active": "x"}).status_code == 400
    term.refresh_from_db()
    assert term.is_active is True


# Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_empty_name_is_rejected(staff_client, kind):
    model = KINDS[kind]
    before = model.objects.count()
    response = staff_client.post(create_url(kind), {**VALID[kind], "name": "   "})
    assert response.status_code == 200
    assert field_errors(response, "name")
    assert model.objects.count() == before
    assert not AuditEntry.objects.filter(action="core.taxonomy.created").exists()


@pytest.mark.parametrize(
    ("kind", "existing"),
    [
        ("ris3-fields", "MARITIME WIRTSCHAFT"),
        ("competences", "it-sicherheit"),
        ("districts", "landkreis emsland"),
        ("competences", "KI / MASCHINELLES LERNEN"),
    ],
)
def test_duplicate_name_in_another_case_is_rejected(staff_client, kind, existing):
    model = KINDS[kind]
    before = model.objects.count()
    response = staff_client.post(create_url(kind), {**VALID[kind], "name": existing})
    assert response.status_code == 200
    errors = field_errors(response, "name")
    assert errors
    assert existing in errors[0]
    assert model.objects.count() == before


def test_duplicate_with_umlaut_in_another_case_is_rejected(staff_client):
    response = staff_client.post(
        create_url("districts"), {**VALID["districts"], "name": "STADT OSNABRÜCK"}
    )
    assert response.status_code == 200
    assert field_errors(response, "name")


def test_renaming_onto_another_terms_name_is_rejected(staff_client):
    term = Ris3Field.objects.get(slug="energie")
    response = staff_client.post(
        update_url("ris3-fields", term.pk), {"name": "kreativwirtschaft", "description": ""}
    )
    assert response.status_code == 200
    assert field_errors(response, "name")
    term.refresh_from_db()
    assert term.name == "Energie"


def test_renaming_a_term_in_its_own_case_is_allowed(staff_client):
    term = Ris3Field.objects.get(slug="energie")
    response = staff_client.post(update_url("ris3-fields", term.pk), {"name": "ENERGIE"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        ("ris3-fields", "name", "x" * 121),
        ("ris3-fields", "description", "x" * 2001),
        ("competences", "synonyms", "y" * 2001),
        ("districts", "state", "z" * 81),
        ("districts", "official_key", "123456789"),
        ("districts", "official_key", "03a04"),
        ("districts", "area", "planet"),
        ("countries", "code", "DEU"),
        ("countries", "code", "1A"),
        ("countries", "name_en", " "),
    ],
)
def test_overlong_and_malformed_values_are_rejected(staff_client, kind, field, value):
    model = KINDS[kind]
    before = model.objects.count()
    response = staff_client.post(create_url(kind), {**VALID[kind], field: value})
    assert response.status_code == 200
    assert field_errors(response, field)
    assert model.objects.count() == before


def test_existing_country_code_is_rejected(staff_client):
    response = staff_client.post(
        create_url("countries"), {"code": "de", "name": "Doppelland", "name_en": "Twice"}
    )
    assert response.status_code == 200
    assert field_errors(response, "code")


def test_synonym_line_too_long_is_rejected(staff_client):
    synonyms = "Quantum computing\n" + "q" * 81
    response = staff_client.post(
        create_url("competences"), {"name": "Quantencomputing", "synonyms": synonyms}
    )
    assert response.status_code == 200
    errors = field_errors(response, "synonyms")
    assert errors
    assert "2" in errors[0]
    assert not Competence.objects.filter(name="Quantencomputing").exists()


def test_duplicate_synonym_is_rejected(staff_client):
    response = staff_client.post(
        create_url("competences"),
        {"name": "Quantencomputing", "synonyms": "Qubits\nquantum\nQUBITS"},
    )
    assert response.status_code == 200
    assert "QUBITS" in field_errors(response, "synonyms")[0]


def test_competence_cannot_become_narrower_than_its_own_child(staff_client):
    parent = Competence.objects.get(slug="ki-maschinelles-lernen")
    child = Competence.objects.get(slug="computer-vision")
    response = staff_client.post(
        update_url("competences", parent.pk), {"name": parent.name, "parent": child.pk}
    )
    assert response.status_code == 200
    assert field_errors(response, "parent")
    parent.refresh_from_db()
    assert parent.parent is None


def test_null_character_is_rejected(staff_client):
    response = staff_client.post(create_url("ris3-fields"), {"name": "Null\x00Feld"})
    assert response.status_code == 200
    assert field_errors(response, "name")


def test_script_tags_stay_escaped(staff_client):
    nasty = '<script>alert("x")</script>"><svg onload=alert(1)>'
    response = staff_client.post(
        create_url("competences"), {"name": nasty, "synonyms": "<script>evil()</script>"}
    )
    assert response.status_code == 302
    page = staff_client.get(list_url("competences") + "?q=script").content.decode()
    assert "<script>alert" not in page
    assert "<script>evil" not in page
    assert "&lt;script&gt;alert" in page
    term = Competence.objects.get(name=nasty)
    form_page = staff_client.get(update_url("competences", term.pk)).content.decode()
    assert "<script>alert" not in form_page
    assert "<svg onload" not in form_page


def test_mass_assignment_of_slug_and_active_is_ignored(staff_client):
    staff_client.post(
        create_url("ris3-fields"),
        {"name": "Photonik", "slug": "gekapert", "is_active": "false", "id": "999"},
    )
    term = Ris3Field.objects.get(name="Photonik")
    assert term.slug == "photonik"
    assert term.is_active is True
    assert term.pk != 999


# Tampering and roles ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/taxonomies/kategorien/", "/taxonomies/../admin/new/"])
def test_unknown_kind_is_404(staff_client, path):
    assert staff_client.get(path).status_code == 404


def test_unknown_term_is_404(staff_client):
    unused_pk = Ris3Field.objects.order_by("-pk").first().pk + 1000
    assert staff_client.get(update_url("ris3-fields", unused_pk)).status_code == 404
    response = staff_client.post(toggle_url("ris3-fields", unused_pk), {"active": "0"})
    assert response.status_code == 404


def test_board_reads_but_cannot_write(board_user, client_for):
    client = client_for(board_user)
    term = Ris3Field.objects.get(slug="energie")
    assert client.get(reverse("core:taxonomy_index")).status_code == 200
    response = client.get(list_url("ris3-fields"))
    assert response.status_code == 200
    assert create_url("ris3-fields") not in response.content.decode()
    assert client.get(create_url("ris3-fields")).status_code == 403
    assert client.post(create_url("ris3-fields"), VALID["ris3-fields"]).status_code == 403
    assert client.get(update_url("ris3-fields", term.pk)).status_code == 403
    response = client.post(update_url("ris3-fields", term.pk), {"name": "Gekapert"})
    assert response.status_code == 403
    assert client.post(toggle_url("ris3-fields", term.pk), {"active": "0"}).status_code == 403
    term.refresh_from_db()
    assert (term.name, term.is_active) == ("Energie", True)
    assert not Ris3Field.objects.filter(name=VALID["ris3-fields"]["name"]).exists()


@pytest.mark.parametrize("role", ["member", "network_manager"])
def test_members_and_managers_are_denied(role_users, client_for, role):
    client = client_for(role_users[role])
    term = Ris3Field.objects.get(slug="energie")
    for url in (
        reverse("core:taxonomy_index"),
        list_url("ris3-fields"),
        create_url("ris3-fields"),
        update_url("ris3-fields", term.pk),
    ):
        assert client.get(url).status_code == 403
    assert client.post(create_url("ris3-fields"), VALID["ris3-fields"]).status_code == 403
    assert client.post(toggle_url("ris3-fields", term.pk), {"active": "0"}).status_code == 403
    term.refresh_from_db()
    assert term.is_active is True


def test_anonymous_is_sent_to_login(client):
    term = Ris3Field.objects.get(slug="energie")
    for url in (list_url("districts"), create_url("districts"), update_url("ris3-fields", term.pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(toggle_url("ris3-fields", term.pk), {"active": "0"})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.is_active is True
