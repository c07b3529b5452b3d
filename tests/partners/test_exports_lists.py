"""CSV and XLSX export of the filtered people list and interaction log: escaping, filters,
erased people, permissions, audit and a query count that does not grow with rows."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from innonet.core.models import AuditEntry
from innonet.partners.models import Interaction, Person
from tests.clock import counting_queries
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
NASTY_CELLS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A2)", "\t=x", "\r=y"]


def export(client, name: str, fmt: str, **query):
    return client.get(reverse(f"partners:{name}_export", kwargs={"fmt": fmt}), query)


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(row) for row in sheet.iter_rows()]


def read(response, fmt: str) -> list[list[str]]:
    """Cell values as text, whatever the format (XLSX date cells as ISO dates)."""
    if fmt == "csv":
        return read_csv(response)
    return [[_text(cell) for cell in row] for row in read_xlsx(response)]


def _text(cell) -> str:
    return cell.value.date().isoformat() if cell.is_date else cell.value or ""


def person_at(organisation, last_name="Müller", position="", **fields):
    person = Person.objects.create(last_name=last_name, **fields)
    AffiliationFactory(person=person, organisation=organisation, position=position)
    return person


def log(topic="Beratung", **fields):
    fields.setdefault("kind", Interaction.Kind.CONSULTATION)
    fields.setdefault("happened_on", date(2025, 3, 1))
    fields.setdefault("organisation", OrganisationFactory())
    return Interaction.objects.create(topic=topic, **fields)


# -- people ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_person_csv_escapes_formulas(staff_client, value):
    person_at(OrganisationFactory(name="Werft Nord"), last_name=value, phone=value)
    header, row = read_csv(export(staff_client, "person", "csv"))
    assert row[header.index("Nachname")] == f"'{value}"
    assert row.count(f"'{value}") == 2  # last name and phone


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_person_xlsx_cells_are_text_never_formulas(staff_client, value):
    person_at(OrganisationFactory(), last_name=value)
    rows = read_xlsx(export(staff_client, "person", "xlsx"))
    for cell in rows[1]:
        assert cell.data_type != "f", cell.coordinate
    last_name = rows[1][2]
    assert last_name.value in (value, value.replace("\r", "\n"))
    assert last_name.quotePrefix


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_person_export_follows_the_filter_and_is_audited_once(staff_client, staff_user, fmt):
    werft = OrganisationFactory(name="Werft Süd")
    person_at(werft, "Weißmüller", position="Einkauf", first_name="Jörg", email="jw@werft.de")
    person_at(werft, "Schmidt", language="en")
    person_at(OrganisationFactory(), "Fremdling")
    rows = read(export(staff_client, "person", fmt, organisation=werft.pk, q="weissmueller"), fmt)
    assert len(rows) == 2
    assert rows[1][1:4] == ["Jörg", "Weißmüller", "jw@werft.de"]
    assert "Werft Süd (Einkauf)" in rows[1]
    entry = AuditEntry.objects.get(action="partners.person.exported_list")
    assert entry.actor == staff_user
    assert entry.data == {"format": fmt, "rows": 1}


def test_person_export_leaves_out_erased_people_even_when_asked(staff_client):
    organisation = OrganisationFactory()
    person_at(organisation, "Bleibt")
    person_at(organisation, "Gelöscht", erased_at=timezone.now())
    for query in ({}, {"erased": "true"}, {"erased": "false"}):
        rows = read_csv(export(staff_client, "person", "csv", **query))
        text = "\n".join(";".join(row) for row in rows)
        assert "Gelöscht" not in text
    assert "Bleibt" in "".join(read_csv(export(staff_client, "person", "csv"))[1])


def test_board_may_export_people(role_users, client_for):
    person_at(role_users["member"].organisation, "Eigenmann")
    rows = read(export(client_for(role_users["board"]), "person", "xlsx"), "xlsx")
    assert "Eigenmann" in rows[1]


@pytest.mark.parametrize("role", ["member", "network_manager"])
@pytest.mark.parametrize("name", ["person", "interaction"])
def test_others_may_not_export_and_nothing_is_audited(role_users, client_for, role, name):
    person_at(role_users["member"].organisation, "Eigenmann")
    response = export(client_for(role_users[role]), name, "csv")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action__contains="export").exists()


@pytest.mark.parametrize(
    ("name", "query"),
    [("person", {"language": "fr"}), ("interaction", {"date_from": "gestern"})],
)
def test_invalid_filter_is_a_clear_400(staff_client, name, query):
    response = export(staff_client, name, "csv", **query)
    assert response.status_code == 400
    assert "filter" in response.content.decode().lower()
    assert not AuditEntry.objects.filter(action__contains="export").exists()


def _export_queries(client, name: str, make_rows) -> int:
    make_rows()
    with counting_queries() as context:
        response = export(client, name, "xlsx")
    assert response.status_code == 200
    return len(context.captured_queries)


def test_person_export_query_count_does_not_grow_with_rows(staff_client):
    organisation = OrganisationFactory()

    def people(count):
        return lambda: [
            person_at(organisation, f"P{count}-{n}", position="X") for n in range(count)
        ]

    export(staff_client, "person", "csv")  # warm the caches (content types, session)
    few = _export_queries(staff_client, "person", people(2))
    many = _export_queries(staff_client, "person", people(20))
    assert many == few


# -- interactions ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_interaction_csv_escapes_formulas(staff_client, value):
    log(topic=value, notes=value)
    header, row = read_csv(export(staff_client, "interaction", "csv"))
    assert row[header.index("Thema")] == f"'{value}"
    assert row.count(f"'{value}") == 2  # topic and notes


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_interaction_xlsx_cells_are_text_never_formulas(staff_client, value):
    log(topic=value)
    rows = read_xlsx(export(staff_client, "interaction", "xlsx"))
    for cell in rows[1]:
        assert cell.data_type != "f", cell.coordinate
    topic = rows[1][2]
    assert topic.value in (value, value.replace("\r", "\n"))
    assert topic.quotePrefix


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_interaction_export_follows_the_filter_and_is_audited_once(staff_client, staff_user, fmt):
    werft = OrganisationFactory(name="Werft Süd")
    person = person_at(werft, "Weißmüller", first_name="Jörg")
    log("Förderberatung", kind=Interaction.Kind.CALL, organisation=werft, person=person)
    log("Messe", kind=Interaction.Kind.CALL, happened_on=date(2024, 1, 1))
    log("Besuch", kind=Interaction.Kind.VISIT)
    response = export(staff_client, "interaction", fmt, kind="call", date_from="2025-01-01")
    rows = read(response, fmt)
    assert len(rows) == 2
    assert rows[1][:5] == ["2025-03-01", "Telefonat", "Förderberatung", "Werft Süd", str(person)]
    entry = AuditEntry.objects.get(action="partners.interaction.exported")
    assert entry.actor == staff_user
    assert entry.data == {"format": fmt, "rows": 1}


def test_board_may_export_interactions(role_users, client_for):
    log("Vorstandsgespräch")
    rows = read(export(client_for(role_users["board"]), "interaction", "csv"), "csv")
    assert rows[1][2] == "Vorstandsgespräch"


def test_interaction_export_query_count_does_not_grow_with_rows(staff_client, staff_user):
    def interactions(count):
        def make():
            for n in range(count):
                organisation = OrganisationFactory()
                person = person_at(organisation, f"P{count}-{n}")
                log(f"T{n}", organisation=organisation, person=person, staff=staff_user)

        return make

    export(staff_client, "interaction", "csv")  # warm the caches (content types, session)
    few = _export_queries(staff_client, "interaction", interactions(2))
    many = _export_queries(staff_client, "interaction", interactions(20))
    assert many == few


# -- buttons --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["person", "interaction"])
def test_list_pages_link_the_export_with_the_current_filter(staff_client, name):
    list_url = reverse(f"partners:{name}_list")
    response = staff_client.get(list_url, {"q": "Müller", "page": "1"})
    content = response.content.decode()
    for fmt in ("csv", "xlsx"):
        url = reverse(f"partners:{name}_export", kwargs={"fmt": fmt})
        assert f'href="{url}?q=M%C3%BCller' in content
    assert "page=1" not in content.split(url)[1].split('"')[0]


def test_member_sees_no_person_export_button(role_users, client_for):
    response = client_for(role_users["member"]).get(reverse("partners:person_list"))
    assert reverse("partners:person_export", kwargs={"fmt": "csv"}) not in response.content.decode()
