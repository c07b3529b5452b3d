"""The records of processing activities (Art. 30 GDPR) as CSV and XLSX: one row per
processing of the register, with its purpose, legal basis, categories of data and retention,
staff only, reachable from the register page."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from innonet.core.models import AuditEntry
from innonet.core.privacy.register import PROCESSINGS


def _url(fmt):
    return reverse("partners:privacy_records_export", kwargs={"fmt": fmt})


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_lists_every_processing_with_purpose_basis_categories_and_retention(
    staff_client, settings
):
    settings.AUDIT_RETENTION_YEARS = 4
    response = staff_client.get(_url("csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = _csv_rows(response)
    assert header[:5] == [
        "Verarbeitung",
        "Zweck",
        "Rechtsgrundlage",
        "Datenkategorien",
        "Aufbewahrung",
    ]
    assert [row[0] for row in rows] == list(PROCESSINGS)
    security = next(row for row in rows if row[0] == "security")
    assert "4 Jahre" in security[4]  # the period the retention job enforces
    assert "Protokolleintrag: IP-Adresse" in security[3]
    assert "core.AuditEntry.ip_address" in security[6]
    assert "Zugriff auf personenbezogene Daten" in security[3]
    assert all(row[1] and row[2] and row[4] for row in rows)
    assert AuditEntry.objects.filter(action="core.privacy_records.exported").count() == 1


def test_the_xlsx_holds_the_same_rows(staff_client):
    response = staff_client.get(_url("xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in values[1:]] == list(PROCESSINGS)
    assert len(values[0]) == 7


def test_the_register_page_links_the_records_for_staff_only(staff_client, board_user, client_for):
    page = staff_client.get(reverse("partners:privacy_register")).content.decode()
    assert _url("csv") in page and _url("xlsx") in page
    board_page = client_for(board_user).get(reverse("partners:privacy_register")).content.decode()
    assert _url("csv") not in board_page


@pytest.mark.parametrize(
    "path", ["verarbeitungen.pdf", "verarbeitungen.csv%00", "verarbeitungen..csv"]
)
def test_other_formats_are_not_found(staff_client, path):
    assert staff_client.get(f"/partners/datenschutz/{path}").status_code == 404
