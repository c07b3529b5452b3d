"""Issuing the funder's report: the task freezes the figures and renders PDF and XLSX; the
page, the files and the API show the frozen values, and later corrections (a merge, an
erasure, a back-dated membership) leave an issued version byte for byte as it was, while a new
version shows the new values and lists the differences."""

import io
import re
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from innonet.core.models import AuditEntry
from innonet.reporting import services
from innonet.reporting.models import IssuedReport

from . import report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff_user):
    return report_world.build(staff_user)


@pytest.fixture
def issue(world, staff_user, django_capture_on_commit_callbacks):
    """Issue the world's report (the task runs as the worker would, after the commit)."""

    def run() -> IssuedReport:
        with django_capture_on_commit_callbacks(execute=True):
            report = services.issue_report(world.period, world.network, acting_user=staff_user)
        report.refresh_from_db()
        assert report.status == IssuedReport.Status.DONE, report.error
        return report

    return run


def figures(report) -> dict:
    return {row["code"]: row["value"] for row in report.content["indicators"]}


def section(html: str) -> str:
    """The frozen part of a report's page (around it: status, newer versions, menus)."""
    match = re.search(r'<article id="report-content".*?</article>', html, re.S)
    assert match, "the page shows no frozen content"
    return match.group(0)


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    tool = shutil.which("pdftotext")
    if tool is None:  # the text check needs poppler-utils (installed by .ci/run)
        pytest.skip("pdftotext is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        result = subprocess.run(
            [tool, "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
        )
    return result.stdout.decode()


def download(client, report, fmt: str) -> bytes:
    response = client.get(reverse(f"reporting:report_{fmt}", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return response.content


def test_issuing_runs_the_task_and_the_page_shows_the_frozen_figures(issue, staff_client):
    report = issue()
    assert (report.version, report.progress_done) == (1, report.progress_total)
    assert report.supersedes is None and report.differences == {}
    values = figures(report)
    assert values["partners"] == 3  # Alpha, Beta, Hochschule Nord
    assert values["events"] == 2
    assert values["participants"] == 5  # checked in: 3 at the first event, 2 at the second
    assert values["participant_organisations"] == 4
    assert values["participant_smes"] == 3  # Alpha, its duplicate, Beta
    assert values["contacts"] == 1  # Gamma was no member: its call is not the network's
    assert values["RCO01"] == 3  # Alpha, the duplicate (own record), Beta
    assert values["RCO07"] == 0
    assert AuditEntry.objects.filter(action="reporting.report.issued").count() == 1

    page = staff_client.get(reverse("reporting:report_detail", args=[report.pk]))
    content = section(page.content.decode())
    assert "Sensorik im Mittelstand" in content and "Beta Daten GmbH" in content
    partners = next(row for row in report.content["indicators"] if row["code"] == "partners")
    assert re.search(rf"{partners['label']}.*?<td[^>]*>3</td>", content, re.S)


def test_corrections_leave_the_issued_version_as_it_was_and_a_new_one_lists_them(
    world, issue, staff_user, staff_client, board_user, client_for
):
    first = issue()
    board = client_for(board_user)
    pdf, xlsx = download(board, first, "pdf"), download(board, first, "xlsx")
    page = section(board.get(reverse("reporting:report_detail", args=[first.pk])).content.decode())

    report_world.correct_the_past(world, staff_user)

    first.refresh_from_db()
    assert download(board, first, "pdf") == pdf
    assert download(board, first, "xlsx") == xlsx
    again = board.get(reverse("reporting:report_detail", args=[first.pk])).content.decode()
    assert section(again) == page
    assert ">Alpha Sensorik<" in page  # the merged record stays, by the name it had

    second = issue()
    assert (second.version, second.supersedes_id) == (2, first.pk)
    values = figures(second)
    assert values["partners"] == 4  # Gamma, member from 1 March
    assert values["partners_new"] == 1
    assert values["participant_organisations"] == 3  # the duplicate is Alpha now
    assert values["participant_smes"] == 2
    assert values["participants"] == 5  # the erased participant still counts
    assert values["contacts"] == 2  # Gamma's call, now a member's
    assert values["RCO01"] == 3  # Alpha, Beta, Gamma
    changed = {row["code"]: (row["before"], row["after"]) for row in second.differences["figures"]}
    assert changed["partners"] == (3, 4)
    assert changed["participant_organisations"] == (4, 3)
    assert "RCO01" not in changed  # same number, other enterprises:
    records = {row["code"]: row for row in second.differences["records"]}
    assert [item["label"] for item in records["RCO01"]["added"]] == ["Gamma Maschinenbau GmbH"]
    assert [item["label"] for item in records["RCO01"]["removed"]] == ["Alpha Sensorik"]

    newer = board.get(reverse("reporting:report_detail", args=[second.pk])).content.decode()
    assert "Gamma Maschinenbau GmbH" in section(newer)
    text = pdf_text(download(board, second, "pdf"))
    assert "Gamma Maschinenbau GmbH" in text and "Alpha Sensorik" in text
    old = board.get(reverse("reporting:report_detail", args=[first.pk])).content.decode()
    assert reverse("reporting:report_detail", args=[second.pk]) in old  # "a newer version"


def test_the_pdf_holds_the_indicator_table_and_the_annexes(issue, staff_client):
    report = issue()
    text = pdf_text(download(staff_client, report, "pdf"))
    labels = {row["code"]: row["label"] for row in report.content["indicators"]}
    for code in ("partners", "events", "participants", "CO01", "RCO01", "RCO10"):
        assert labels[code].split()[0] in text, code
    assert "Sensorik im Mittelstand" in text  # annex 1: the events
    assert "Daten teilen in Forschungsverbünden" in text
    assert "Beta Daten GmbH" in text  # annex 3: the enterprises with their evidence
    assert report.network.name in text


def test_the_xlsx_opens_with_typed_cells(issue, staff_client):
    report = issue()
    book = load_workbook(io.BytesIO(download(staff_client, report, "xlsx")), read_only=True)
    assert len(book.sheetnames) == 7
    indicators = list(book.worksheets[1].iter_rows(values_only=True))
    codes = {row[1]: row for row in indicators[1:]}
    assert codes["partners"][3] == 3 and isinstance(codes["partners"][3], int)
    assert isinstance(codes["checkin_rate"][3], float)  # 5 of 6 confirmed checked in
    assert abs(codes["checkin_rate"][3] - 5 / 6) < 1e-9
    events = list(book.worksheets[4].iter_rows(values_only=True))
    assert events[1][0] == datetime(report_world.last_year(), 3, 10)  # noqa: DTZ001 - a date cell
    assert events[1][2] == "Sensorik im Mittelstand" and events[1][5] == 3
    evidence = list(book.worksheets[3].iter_rows(values_only=True))
    assert ("CO01, CO04, RCO01, RCO04", "Beta Daten GmbH") in {row[:2] for row in evidence}


def test_the_report_names_no_person(issue, staff_client):
    """Participants are counted, contacts appear by kind: no name enters a frozen report, so an
    erasure never has to reach into one."""
    report = issue()
    text = pdf_text(download(staff_client, report, "pdf"))
    frozen = str(report.content)
    for name in ("Musterfrau", "Erika"):
        assert name not in text and name not in frozen


def test_issuing_the_same_period_twice_makes_versions_1_and_2(world, staff_user):
    first = services.issue_report(world.period, world.network, acting_user=staff_user)
    second = services.issue_report(world.period, world.network, acting_user=staff_user)
    over_all = services.issue_report(world.period, None, acting_user=staff_user)
    assert (first.version, second.version, over_all.version) == (1, 2, 1)


def test_the_form_warns_that_a_new_version_will_be_made(world, staff_client, staff_user):
    url = reverse("reporting:report_issue")
    data = {"year": str(world.year), "network": str(world.network.pk)}
    response = staff_client.post(url, data)
    report = IssuedReport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{report.pk}/")
    again = staff_client.post(url, data)
    assert again.status_code == 200 and IssuedReport.objects.count() == 1
    assert 'name="confirm" value="True"' in again.content.decode()
    assert reverse("reporting:report_detail", args=[report.pk]) in again.content.decode()
    confirmed = staff_client.post(url, {**data, "confirm": "True"})
    assert confirmed.status_code == 302
    assert sorted(IssuedReport.objects.values_list("version", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start": "2024-06-01", "end": "2024-01-01"}, "end"),  # ends before it starts
        ({"start": "2010-01-01", "end": "2022-12-31"}, "end"),  # thirteen years
        ({"year": "zwanzig"}, "year"),
        ({"year": "1850"}, "year"),
        ({"start": "2024-13-45", "end": "2024-12-31"}, "start"),
        ({"start": "2024-01-01"}, "end"),
        ({"year": "2024", "start": "2024-01-01", "end": "2024-12-31"}, "__all__"),
        ({}, "year"),
        ({"year": "2099"}, "year"),  # not begun yet
        ({"year": "2024", "network": "999999"}, "network"),
        ({"year": "2024\x00<script>"}, "year"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_creates_nothing(staff_client, data, field):
    response = staff_client.post(reverse("reporting:report_issue"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    page = response.content.decode()
    for message in errors[field]:
        assert escape(message) in page
    assert not IssuedReport.objects.exists()


def test_members_and_network_managers_get_403(issue, client_for, member_user, manager_user):
    report = issue()
    for user in (member_user, manager_user):
        client = client_for(user)
        for name, args in (
            ("reporting:report_list", []),
            ("reporting:report_issue", []),
            ("reporting:report_detail", [report.pk]),
            ("reporting:report_pdf", [report.pk]),
            ("api:issued-report-detail", [report.pk]),
        ):
            url = reverse(name.removeprefix("api:"), args=args)
            assert client.get(url).status_code == 403, (user.role, name)


def test_a_failing_render_leaves_the_report_failed_and_it_can_be_started_again(
    world, staff_user, monkeypatch, django_capture_on_commit_callbacks, staff_client
):
    def broken(*args, **kwargs):
        raise RuntimeError("Schriftart fehlt")

    monkeypatch.setattr(services, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.issue_report(world.period, world.network, acting_user=staff_user)
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.FAILED
    assert "Schriftart fehlt" in report.error
    assert report.content and not report.pdf  # frozen before the render failed
    page = staff_client.get(reverse("reporting:report_detail", args=[report.pk]))
    assert "Schriftart fehlt" in page.content.decode()
    assert staff_client.get(reverse("reporting:report_pdf", args=[report.pk])).status_code == 404

    monkeypatch.undo()
    frozen = report.content
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("reporting:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.DONE and report.content == frozen


def test_generating_again_changes_nothing_and_never_refreezes(issue, world, staff_user):
    report = issue()
    digest, frozen = report.pdf_sha256, report.content
    assert services.report_generate(report.pk).pdf_sha256 == digest  # done: nothing to do
    # A worker that died after freezing: the next run renders from the frozen content, even
    # though the data has changed meanwhile.
    IssuedReport.objects.filter(pk=report.pk).update(status="running", xlsx="", xlsx_sha256="")
    report_world.correct_the_past(world, staff_user)
    again = services.report_generate(report.pk)
    assert again.status == IssuedReport.Status.DONE
    assert again.content == frozen and again.pdf_sha256 == digest and again.xlsx_sha256


def test_a_worker_that_died_leaves_the_report_failed_or_queued_again(world, staff_user):
    report = services.issue_report(world.period, world.network, acting_user=staff_user)
    IssuedReport.objects.filter(pk=report.pk).update(status="running")
    services.release_interrupted(report.pk, retried=True)
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.QUEUED
    services.release_interrupted(report.pk, retried=False)
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.FAILED and report.error


def test_a_changed_stored_file_is_refused(issue, staff_client):
    report = issue()
    report.pdf.storage.delete(report.pdf.name)
    report.pdf.storage.save(report.pdf.name, io.BytesIO(b"%PDF-1.7 forged"))
    response = staff_client.get(reverse("reporting:report_pdf", args=[report.pk]))
    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert "does not match" in page or "stimmt nicht" in page


def test_the_period_defaults_to_last_year_on_the_form(staff_client):
    response = staff_client.get(reverse("reporting:report_issue"))
    assert f'value="{timezone.localdate().year - 1}"' in response.content.decode()
