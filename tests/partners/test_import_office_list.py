"""The office's everyday list (Name;Straße;PLZ;Ort;E-Mail, no "Art" column): a value for all
rows, sample values in the mapping step, the mapping remembered, district and country from
the postcode; and bad input answered clearly, never half-written."""

import pytest
from django.urls import reverse

from innonet.core.errors import DomainError
from innonet.core.models import Country, District
from innonet.core.postcodes import district_key_for_postcode
from innonet.partners.models import ImportJob, Organisation
from innonet.partners.services import import_job_set_mapping
from tests.partners.test_import_pages import upload

pytestmark = pytest.mark.django_db

OFFICE_LIST = (
    "Name;Straße;PLZ;Ort;E-Mail\r\n"
    "Bäckerei Kunde GmbH;Große Straße 5;49074;Osnabrück;info@baeckerei-kunde.example\r\n"
    "Hümmling Holzbau KG;Am Markt 1;49751;Sögel;post@huemmling-holz.example\r\n"
    "Elbe Software GmbH;Hafenstraße 9;01067;Dresden;kontakt@elbe-software.example\r\n"
    "Vechtetal Metall GmbH;Ringstraße 3;48529;Nordhorn;info@vechtetal-metall.example\r\n"
).encode("cp1252")


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Post with the tasks enqueued after commit run at once, as the immediate backend would."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def detail(job) -> str:
    return reverse("partners:import_detail", args=[job.pk])


def test_office_list_imports_with_a_kind_for_all_rows(staff_client, run_tasks):
    assert upload(staff_client, OFFICE_LIST, "adressen.csv").status_code == 302
    job = ImportJob.objects.get()
    assert job.mapping == {"0": "name", "1": "street", "2": "postcode", "3": "city", "4": "email"}
    page = staff_client.get(detail(job)).content.decode()
    # Sample values beside each column: the first three rows.
    assert "Bäckerei Kunde GmbH · Hümmling Holzbau KG · Elbe Software GmbH" in page
    assert "49074 · 49751 · 01067" in page
    assert "Vechtetal" not in page  # only the first three rows
    assert 'name="default_kind"' in page
    assert 'name="default_name"' not in page  # a name for every row would be one record

    data = {f"col_{index}": target for index, target in job.mapping.items()}
    refused = run_tasks(staff_client, detail(job), data)
    assert refused.status_code == 400  # kind has neither a column nor a value for all rows
    assert "Art" in refused.content.decode()

    response = run_tasks(staff_client, detail(job), {**data, "default_kind": "sme"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "checked" and job.error_count == 0, job.issues
    assert job.defaults == {"kind": "sme"}
    notes = [issue["message"] for issue in job.issues if not issue["blocking"]]
    assert any("01067" in note for note in notes)  # a note, not an error
    run_tasks(staff_client, reverse("partners:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.counts == {"created": 4}

    baecker = Organisation.objects.get(name="Bäckerei Kunde GmbH")
    assert baecker.kind == "sme"
    assert baecker.district.name == "Stadt Osnabrück"
    assert baecker.country.code == "DE"
    assert Organisation.objects.get(name="Hümmling Holzbau KG").district.name == (
        "Landkreis Emsland"
    )
    assert Organisation.objects.get(name="Vechtetal Metall GmbH").district.official_key == "03456"
    dresden = Organisation.objects.get(name="Elbe Software GmbH")
    assert dresden.district is None and dresden.kind == "sme"  # imported, district left empty


def test_the_last_mapping_is_offered_again(staff_client, run_tasks):
    upload(staff_client, OFFICE_LIST, "adressen.csv")
    first = ImportJob.objects.get()
    data = {"col_0": "name", "col_1": "street", "col_2": "postcode", "col_3": "",
            "col_4": "email", "default_kind": "research"}  # fmt: skip
    assert run_tasks(staff_client, detail(first), data).status_code == 302
    # The same headers next time: the same mapping, the same value for all rows.
    upload(staff_client, OFFICE_LIST, "adressen-neu.csv")
    second = ImportJob.objects.latest("id")
    assert second.mapping == {"0": "name", "1": "street", "2": "postcode", "4": "email"}
    assert second.defaults == {"kind": "research"}
    page = staff_client.get(detail(second)).content.decode()
    assert '<option value="research" selected>' in page
    # Other headers, some spelled alike: those columns keep their choice ("Ort" stays out,
    # although a guess would have taken it for the city).
    upload(staff_client, b"E-Mail;Ort;Name;Notiz\r\na@b.example;Bremen;A GmbH;x\r\n")
    third = ImportJob.objects.latest("id")
    assert third.mapping == {"0": "email", "2": "name"}
    assert third.defaults == {"kind": "research"}


def test_another_users_mapping_is_not_offered(staff_client, client_for, run_tasks):
    from tests.factories import UserFactory, add_totp

    upload(staff_client, OFFICE_LIST, "adressen.csv")
    first = ImportJob.objects.get()
    data = {"col_0": "name", "col_1": "", "col_2": "postcode", "col_3": "city",
            "col_4": "email", "default_kind": "public"}  # fmt: skip
    run_tasks(staff_client, detail(first), data)
    colleague = UserFactory(role="staff")
    add_totp(colleague)
    upload(client_for(colleague), OFFICE_LIST, "adressen.csv")
    second = ImportJob.objects.latest("id")
    assert second.defaults == {}  # guessed afresh, not the colleague's choices
    assert second.mapping["1"] == "street"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("default_kind", "Raumstation", "gültige"),
        ("default_district", "Atlantis", "gültige"),
        ("default_country", "XX", "gültige"),
        ("default_employees", "viele", "keine Zahl"),
        ("default_annual_turnover", "-5", "darf nicht negativ sein"),
    ],
)
def test_a_bad_value_for_all_rows_is_a_clear_form_error(
    staff_client, run_tasks, field, value, message
):
    upload(staff_client, OFFICE_LIST, "adressen.csv")
    job = ImportJob.objects.get()
    data = {f"col_{index}": target for index, target in job.mapping.items()}
    response = run_tasks(staff_client, detail(job), {**data, "default_kind": "sme", field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    job.refresh_from_db()
    assert job.status == "uploaded" and job.defaults == {}
    assert not Organisation.objects.exists()


def test_a_value_for_a_mapped_field_is_refused(staff_client, run_tasks):
    upload(staff_client, OFFICE_LIST, "adressen.csv")
    job = ImportJob.objects.get()
    data = {f"col_{index}": target for index, target in job.mapping.items()}
    response = run_tasks(staff_client, detail(job), {**data, "default_kind": "sme",
                                                      "default_city": "Bremen"})  # fmt: skip
    assert response.status_code == 400
    assert "bereits eine Spalte" in response.content.decode()


def test_the_service_refuses_an_unknown_default_or_field(staff_user):
    from tests.factories import ImportJobFactory

    job = ImportJobFactory(headers=["Name"], created_by=staff_user)
    for defaults in ({"kind": "Raumstation"}, {"colour": "blau"}, {"vat_id": "DE123456789"}):
        with pytest.raises(DomainError):
            import_job_set_mapping(job, mapping={"0": "name"}, defaults=defaults,
                                   acting_user=staff_user)  # fmt: skip
    job.refresh_from_db()
    assert job.defaults == {} and job.status == "uploaded"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leer.csv", "Die übermittelte Datei ist leer."),
        (b"\xff\xfe\x00\x00\x00", "kaputt.csv", "Die Datei ist keine Textdatei."),
        ("Name;Ort\r\nA;B\r\n".encode("utf-16"), "utf16.csv", "Die Datei ist keine Textdatei."),
        (b"PK\x03\x04kaputt", "liste.xlsx", "Die Excel-Arbeitsmappe ist beschädigt"),
        (
            "Name;Ort\r\nMüller GmbH;Köln\r\n".encode() + "Weiß KG;Bückeburg\r\n".encode("cp1252"),
            "gemischt.csv",
            "zwei Zeichenkodierungen",
        ),
    ],
)
def test_unreadable_files_are_refused_clearly(staff_client, data, name, message):
    response = upload(staff_client, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_postcode_table_places_only_known_german_postcodes():
    assert district_key_for_postcode("49074") == "03404"
    assert district_key_for_postcode("D-49074") == "03404"
    assert district_key_for_postcode(" 49751 ") == "03454"
    for text in ("01067", "4907", "490744", "ABCDE", ""):
        assert district_key_for_postcode(text) is None
    keys = set(District.objects.values_list("official_key", flat=True))
    from innonet.core.postcodes import POSTCODE_DISTRICTS

    assert set(POSTCODE_DISTRICTS.values()) <= keys  # every entry names a seeded district
    assert Country.objects.filter(code="DE").exists()
