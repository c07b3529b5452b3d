"""The import pages as staff use them: upload, mapping, dry run, commit, progress."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from innonet.partners import tasks
from innonet.partners.models import ImportJob, Organisation
from tests.factories import ImportJobFactory

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str = "liste.csv", kind: str = "organisations"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("partners:import_create"), {"kind": kind, "file": file})


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Tasks are enqueued after commit; run them as the immediate backend would."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def test_upload_map_check_commit(staff_client, run_tasks):
    response = upload(staff_client, (FIXTURES / "organisations_cp1252.csv").read_bytes())
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.encoding, job.delimiter) == ("cp1252", ";")
    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    assert "Ort" in page.content.decode()  # a column of the file, mapped automatically
    mapping = {
        f"col_{index}": value
        for index, value in {
            0: "name",
            1: "kind",
            2: "employees",
            3: "city",
            4: "website",
            5: "vat_id",
        }.items()
    }
    response = run_tasks(staff_client, reverse("partners:import_detail", args=[job.pk]), mapping)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "checked" and job.error_count == 0
    assert job.counts == {"to_create": 2}
    assert not Organisation.objects.exists()
    run_tasks(staff_client, reverse("partners:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done" and job.counts == {"created": 2}
    assert bytes(job.payload) == b""  # no copy of the file is kept after the import
    assert Organisation.objects.filter(city="Osnabrück").exists()
    page = staff_client.get(reverse("partners:import_detail", args=[job.pk]))
    assert "2" in page.content.decode()


def test_errors_are_listed_by_row_and_column_and_commit_is_refused(staff_client, run_tasks):
    upload(staff_client, b"Name;Art;E-Mail\nA GmbH;KMU;a@a.de\nB GmbH;KMU;kaputt\n")
    job = ImportJob.objects.get()
    mapping = {"col_0": "name", "col_1": "kind", "col_2": "email"}
    run_tasks(staff_client, reverse("partners:import_detail", args=[job.pk]), mapping)
    job.refresh_from_db()
    assert job.error_count == 1
    page = staff_client.get(reverse("partners:import_detail", args=[job.pk])).content.decode()
    assert "<td>3</td>" in page and "kaputt" in page
    run_tasks(staff_client, reverse("partners:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "checked"
    assert not Organisation.objects.exists()


def test_mapping_without_required_field_is_a_form_error(staff_client):
    upload(staff_client, b"Name;Art\nA GmbH;KMU\n")
    job = ImportJob.objects.get()
    response = staff_client.post(
        reverse("partners:import_detail", args=[job.pk]), {"col_0": "name", "col_1": ""}
    )
    assert response.status_code == 400
    job.refresh_from_db()
    assert job.status == "uploaded"


def test_same_field_twice_is_a_form_error(staff_client):
    upload(staff_client, b"Name;Firma;Art\nA GmbH;A;KMU\n")
    job = ImportJob.objects.get()
    response = staff_client.post(
        reverse("partners:import_detail", args=[job.pk]),
        {"col_0": "name", "col_1": "name", "col_2": "kind"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "leer.csv"),
        (b"Name\n", "x.exe"),
        (b"nur Text", "tarnung.xlsx"),
        (bytes(range(256)) * 10, "binaer.csv"),
    ],
)
def test_bad_uploads_re_render_with_a_message(staff_client, data, name):
    response = upload(staff_client, data, name=name)
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_oversized_upload_is_refused_before_reading(staff_client, settings):
    from innonet.partners.imports import reading

    too_big = b"a" * (reading.MAX_FILE_BYTES + 1)
    response = upload(staff_client, too_big)
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_status_fragment_polls_while_running_and_reloads_when_done(staff_client):
    job = ImportJobFactory(
        kind="organisations",
        filename="x.csv",
        file_format="csv",
        status="checking",
        processed_rows=50,
        total_rows=200,
    )
    url = reverse("partners:import_status", args=[job.pk])
    fragment = staff_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="25"' in fragment
    job.status = "checked"
    job.save()
    response = staff_client.get(url + "?poll=1")
    assert response["HX-Refresh"] == "true"
    assert "hx-trigger" not in response.content.decode()


def test_uploaded_file_is_never_served_back(staff_client):
    upload(staff_client, b"Name;Art\n<script>alert(1)</script>;KMU\n")
    job = ImportJob.objects.get()
    page = staff_client.get(reverse("partners:import_detail", args=[job.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_a_commit_that_fails_unexpectedly_can_be_started_again(
    staff_client, run_tasks, monkeypatch
):
    upload(staff_client, b"Name;Art\nA GmbH;KMU\n")
    job = ImportJob.objects.get()
    detail = reverse("partners:import_detail", args=[job.pk])
    run_tasks(staff_client, detail, {"col_0": "name", "col_1": "kind"})
    real_run = tasks.import_job_run

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(tasks, "import_job_run", locked)
    run_tasks(staff_client, reverse("partners:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "interrupted" and job.can_commit  # not "importing" for ever
    assert not Organisation.objects.exists()
    page = staff_client.get(detail).content.decode()
    assert "Unterbrochen" in page

    monkeypatch.setattr(tasks, "import_job_run", real_run)
    run_tasks(staff_client, reverse("partners:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done"
    assert Organisation.objects.filter(name="A GmbH").exists()
