"""The cluster label evidence through its pages: staff choose a period, the background task
freezes and renders it, the page and the files show it; bad periods get a message and make
nothing; the board reads, partners get nothing."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from openpyxl import load_workbook

from innonet.reporting import services
from innonet.reporting.indicators import Period
from innonet.reporting.models import IssuedReport, ReportKind
from tests.reporting.test_funder_report import pdf_text

pytestmark = pytest.mark.django_db
ISSUE = reverse("reporting:label_issue")
YEAR_2025 = {"start": "2025-01-01", "end": "2025-12-31"}
SECTIONS = ("members", "services", "events", "cooperation", "international", "governance")


@pytest.fixture
def issue_label(label_world, staff_client, django_capture_on_commit_callbacks):
    def run(data=YEAR_2025) -> IssuedReport:
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.post(ISSUE, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        report = IssuedReport.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])
        assert report.status == IssuedReport.Status.DONE, report.error
        return report

    return run


def test_staff_issue_the_evidence_and_read_it(issue_label, staff_client):
    report = issue_label()
    assert report.kind == ReportKind.LABEL
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == (
        "2025-01-01", "2025-12-31")  # fmt: skip
    assert report.progress_done == report.progress_total
    page = staff_client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    content = re.search(r'<article id="report-content".*?</article>', page, re.S).group(0)
    for key in SECTIONS:
        assert f'id="section-{key}"' in content
    for section in report.content["sections"]:  # frozen in the installation's language
        assert escape(section["title"]) in content
    assert "<svg" in content  # the charts, drawn on the server


def test_the_files_hold_the_sections(issue_label, staff_client):
    report = issue_label()
    pdf = staff_client.get(reverse("reporting:report_pdf", args=[report.pk]))
    assert pdf["Content-Disposition"] == 'attachment; filename="cluster-label-2025-v1.pdf"'
    text = pdf_text(pdf.content)
    for section in report.content["sections"]:
        assert section["title"] in text
    xlsx = staff_client.get(reverse("reporting:report_xlsx", args=[report.pk]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    titles = [section["title"][:31] for section in report.content["sections"]]
    assert workbook.sheetnames[1:] == titles
    members = [[c.value for c in row] for row in workbook[titles[0]].iter_rows()]
    partners = report.content["sections"][0]["figures"][0]
    assert partners["code"] == "partners"
    assert members[1][:2] == [partners["label"], 5]


def test_a_second_issue_asks_and_makes_version_2(issue_label, staff_client):
    first = issue_label()
    asked = staff_client.post(ISSUE, YEAR_2025)
    assert asked.status_code == 200
    assert reverse("reporting:report_detail", args=[first.pk]) in asked.content.decode()
    second = issue_label({**YEAR_2025, "confirm": "True"})
    assert (first.version, second.version) == (1, 2)
    # The funder's report of the same period keeps its own numbering.
    funder = services.issue_report(first.period, None, acting_user=None)
    assert funder.version == 1 and funder.kind == ReportKind.FUNDER


def _future(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


BAD_PERIODS = [
    ("no start", {"start": "", "end": "2025-12-31"}, "start"),
    ("no end", {"start": "2025-01-01", "end": ""}, "end"),
    ("end before start", {"start": "2025-12-31", "end": "2025-01-01"}, "end"),
    ("not a date", {"start": "letztes Jahr", "end": "2025-12-31"}, "start"),
    ("impossible day", {"start": "2025-02-30", "end": "2025-12-31"}, "start"),
    ("too early", {"start": "1850-01-01", "end": "1850-12-31"}, "start"),
    ("longer than twelve years", {"start": "2000-01-01", "end": "2025-12-31"}, "end"),
    ("not begun", {"start": "future+10", "end": "future+40"}, "start"),
    ("unknown network", {**YEAR_2025, "network": "999999"}, "network"),
    ("script as network", {**YEAR_2025, "network": "<script>"}, "network"),
]


@pytest.mark.parametrize(("case", "data", "field"), BAD_PERIODS, ids=[c[0] for c in BAD_PERIODS])
def test_bad_periods_are_refused_and_make_nothing(case, data, field, staff_client):
    data = {key: _future(int(value[7:])) if str(value).startswith("future+") else value
            for key, value in data.items()}  # fmt: skip
    response = staff_client.post(ISSUE, data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not IssuedReport.objects.exists()


def test_an_empty_period_is_issued_and_says_so(issue_label, staff_client):
    report = issue_label({"start": "2019-01-01", "end": "2019-12-31"})
    page = staff_client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    with translation.override("de"):
        assert escape(gettext("Nothing in this period.")) in page
    assert report.pdf_sha256 and report.xlsx_sha256


def test_the_list_shows_the_kind_and_filters_by_it(issue_label, staff_client):
    label = issue_label()
    funder = services.issue_report(label.period, None, acting_user=None)
    url = reverse("reporting:report_list")
    page = staff_client.get(url).content.decode()
    assert ISSUE in page
    only = staff_client.get(url, {"kind": "label"}).content.decode()
    assert reverse("reporting:report_detail", args=[label.pk]) in only
    assert reverse("reporting:report_detail", args=[funder.pk]) not in only


def test_the_board_reads_but_does_not_issue(issue_label, client_for, board_user):
    report = issue_label()
    board = client_for(board_user)
    assert board.get(ISSUE).status_code == 403
    assert board.post(ISSUE, YEAR_2025).status_code == 403
    assert board.get(reverse("reporting:report_detail", args=[report.pk])).status_code == 200
    assert ISSUE not in board.get(reverse("reporting:report_list")).content.decode()


@pytest.mark.parametrize("role", ["member", "network_manager"])
def test_partners_get_nothing(role, issue_label, client_for, member_user, manager_user):
    report = issue_label()
    client = client_for(member_user if role == "member" else manager_user)
    for url in (ISSUE, reverse("reporting:report_detail", args=[report.pk]),
                reverse("reporting:report_pdf", args=[report.pk])):  # fmt: skip
        assert client.get(url).status_code == 403


def test_a_worker_that_died_leaves_the_evidence_failed_or_queued_again(label_world):
    report = services.issue_report(Period.year(2025), None, acting_user=None, kind=ReportKind.LABEL)
    IssuedReport.objects.filter(pk=report.pk).update(status="running")
    services.release_interrupted(report.pk, retried=True)
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.QUEUED
    services.release_interrupted(report.pk, retried=False)
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.FAILED and report.error


def test_a_failed_generation_is_started_again_and_keeps_its_kind(
    label_world, staff_client, django_capture_on_commit_callbacks
):
    report = services.issue_report(Period.year(2025), None, acting_user=None, kind=ReportKind.LABEL)
    services.report_fail(report, "Testfehler")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("reporting:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.kind) == (IssuedReport.Status.DONE, ReportKind.LABEL)
    assert [s["key"] for s in report.content["sections"]] == list(SECTIONS)
