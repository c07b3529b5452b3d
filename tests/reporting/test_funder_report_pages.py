"""The list of issued reports (filters, order, a query count that does not grow) and the
read-only REST API with the frozen content and the files."""

import hashlib
from datetime import date

import pytest
from django.urls import reverse

from innonet.accounts import services as account_services
from innonet.reporting.models import IssuedReport
from tests.factories import NetworkFactory

from .factories import IssuedReportFactory, issued_report

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_newest_first_and_filters(staff_client):
    network = NetworkFactory(name="Agrarnetz Weser-Ems")
    older = IssuedReportFactory(period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))
    newer = IssuedReportFactory(
        period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), network=network,
        network_name=network.name, status="done",
    )  # fmt: skip
    url = reverse("reporting:report_list")
    page = staff_client.get(url).content.decode()
    first, second = (page.index(reverse("reporting:report_detail", args=[r.pk]))
                     for r in (newer, older))  # fmt: skip
    assert first < second
    by_year = staff_client.get(url, {"year": "2023"}).content.decode()
    assert reverse("reporting:report_detail", args=[older.pk]) in by_year
    assert reverse("reporting:report_detail", args=[newer.pk]) not in by_year
    by_network = staff_client.get(url, {"network": str(network.pk)}).content.decode()
    assert reverse("reporting:report_detail", args=[newer.pk]) in by_network
    assert reverse("reporting:report_detail", args=[older.pk]) not in by_network
    combined = staff_client.get(url, {"network": "all"}).content.decode()
    assert reverse("reporting:report_detail", args=[older.pk]) in combined
    assert reverse("reporting:report_detail", args=[newer.pk]) not in combined
    searched = staff_client.get(url, {"q": "weser"}).content.decode()
    assert reverse("reporting:report_detail", args=[newer.pk]) in searched
    assert reverse("reporting:report_detail", args=[older.pk]) not in searched


def test_the_list_needs_the_same_queries_for_many_reports(
    staff_client, staff_user, django_assert_max_num_queries
):
    url = reverse("reporting:report_list")
    IssuedReportFactory(issued_by=staff_user)
    staff_client.get(url)  # sessions, caches
    with django_assert_max_num_queries(12) as few:
        staff_client.get(url)
    IssuedReportFactory.create_batch(20, issued_by=staff_user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(url)
    assert response.content.decode().count('href="/berichte/') >= 21


def test_the_detail_page_needs_no_query_per_record(staff_client, django_assert_max_num_queries):
    report = issued_report()
    with django_assert_max_num_queries(15):
        response = staff_client.get(reverse("reporting:report_detail", args=[report.pk]))
    assert response.status_code == 200


def _token(user, scope="read") -> dict:
    _token_row, plain = account_services.api_token_create(
        user, name="Bericht", scope=scope, days=1, acting_user=user
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_the_api_lists_reports_and_gives_the_frozen_content_and_the_files(client, board_user):
    report = issued_report()
    headers = _token(board_user)
    listing = client.get("/api/issued-reports/", **headers).json()
    row = listing["results"][0]
    assert row["id"] == report.pk and row["version"] == report.version
    assert "content" not in row
    detail = client.get(f"/api/issued-reports/{report.pk}/", **headers).json()
    assert detail["content"]["period"]["start"] == report.period_start.isoformat()
    assert {r["code"] for r in detail["content"]["indicators"]} >= {"partners", "RCO01"}
    pdf = client.get(detail["pdf_url"], **headers)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == detail["pdf_sha256"]
    asked = client.get(detail["pdf_url"], HTTP_ACCEPT="application/pdf", **headers)
    assert asked.status_code == 200 and asked.content == pdf.content
    xlsx = client.get(detail["xlsx_url"], **headers)
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_the_api_refuses_members_and_writes(client, member_user, staff_user):
    report = issued_report()
    member = _token(member_user)
    assert client.get("/api/issued-reports/", **member).status_code == 403
    assert client.get(f"/api/issued-reports/{report.pk}/pdf/", **member).status_code == 403
    staff = _token(staff_user, scope="write")
    response = client.delete(f"/api/issued-reports/{report.pk}/", **staff)
    assert response.status_code == 405
    assert IssuedReport.objects.filter(pk=report.pk).exists()


def test_an_unfinished_report_has_no_file_links(client, board_user):
    queued = IssuedReportFactory()
    headers = _token(board_user)
    detail = client.get(f"/api/issued-reports/{queued.pk}/", **headers).json()
    assert detail["pdf_url"] is None and detail["status"] == "queued"
    assert client.get(f"/api/issued-reports/{queued.pk}/pdf/", **headers).status_code == 404
