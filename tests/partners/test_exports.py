"""CSV and XLSX export of the organisation list: escaping, filters, permissions, audit."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innonet.core.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory

NASTY_CELLS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A2)", "\t=x", "\r=y"]


def export(client, fmt: str, **query):
    return client.get(reverse("partners:organisation_export", kwargs={"fmt": fmt}), query)


def read_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(cell for cell in row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_csv_cells_that_look_like_formulas_get_an_apostrophe(staff_client, value):
    OrganisationFactory(name=value, city="Lingen", keywords=value)
    row = read_csv(export(staff_client, "csv"))[1]
    assert row[0] == f"'{value}"  # the name column
    assert row.count(f"'{value}") == 2  # name and keywords
    assert "Lingen" in row


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_xlsx_cells_are_text_never_formulas(staff_client, value):
    OrganisationFactory(name=value, keywords=value)
    rows = read_xlsx(export(staff_client, "xlsx"))
    for cell in rows[1]:
        assert cell.data_type != "f", cell.coordinate
        if cell.value is not None:
            assert cell.data_type == "s", (cell.coordinate, cell.value)
    name = rows[1][0]
    # XML parsers normalise a stored carriage return to a line feed when reading.
    assert name.value in (value, value.replace("\r", "\n"))
    assert name.quotePrefix


def test_plain_values_are_not_escaped(staff_client):
    OrganisationFactory(name="Müller & Söhne GmbH", city="Papenburg", employees=12)
    csv_rows = read_csv(export(staff_client, "csv"))
    assert csv_rows[1][0] == "Müller & Söhne GmbH"
    assert "12" in csv_rows[1]
    xlsx_rows = read_xlsx(export(staff_client, "xlsx"))
    assert xlsx_rows[1][0].value == "Müller & Söhne GmbH"
    assert not xlsx_rows[1][0].quotePrefix
    assert 12 in [cell.value for cell in xlsx_rows[1]]  # numbers stay numbers


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_follows_the_filter_and_is_audited_once(staff_client, staff_user, fmt):
    OrganisationFactory(name="Werft Süd", kind="large")
    OrganisationFactory.create_batch(2, kind="sme")
    response = export(staff_client, fmt, kind="sme")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert len(rows) == 3  # header and the two SMEs
    entries = AuditEntry.objects.filter(action="partners.organisation.exported")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == staff_user
    assert entry.data == {"format": fmt, "rows": 2}


def test_export_of_search_uses_german_folding(staff_client):
    OrganisationFactory(name="Straßenbau Müller")
    OrganisationFactory(name="Anderer Betrieb")
    rows = read_csv(export(staff_client, "csv", q="strassenbau mueller"))
    assert [row[0] for row in rows[1:]] == ["Straßenbau Müller"]


def test_board_may_export(role_users, client_for):
    OrganisationFactory()
    response = export(client_for(role_users["board"]), "xlsx")
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["member", "network_manager"])
def test_others_may_not_export_and_nothing_is_audited(role_users, client_for, role):
    if role == "network_manager":
        MembershipFactory(organisation=OrganisationFactory(), network=role_users[role].network)
    response = export(client_for(role_users[role]), "csv")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="partners.organisation.exported").exists()


def test_unknown_format_is_not_a_route(staff_client):
    response = staff_client.get("/partners/export.exe")
    assert response.status_code == 404


def test_invalid_filter_is_a_clear_400(staff_client):
    response = export(staff_client, "csv", kind="spaceship")
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="partners.organisation.exported").exists()


def test_control_characters_do_not_break_the_workbook(staff_client):
    OrganisationFactory(name="Firma\x07 mit Steuerzeichen", description="a\x1bb")
    rows = read_xlsx(export(staff_client, "xlsx"))
    assert rows[1][0].value == "Firma mit Steuerzeichen"
