"""An import whose worker is killed (`kill -9`) never stays "checking" or "importing" for good:
the job becomes "interrupted", the page says so and offers the step again, and the repeated
step succeeds (RELIABILITY item 42). Real worker processes, through the staff pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django_tasks.base import TaskResultStatus

from innonet.core.workers import WorkerLost
from innonet.partners.models import ImportJob, Person
from tests.core.worker_processes import (
    DATABASE_TASKS,
    kill_hard,
    needs_real_connections,
    start_worker,
    stop,
    task_runs,
    wait_for,
    worker_env,
)

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 20_000
LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
MAPPING = {"col_0": "last_name", "col_1": "first_name", "col_2": "email"}


def people_file() -> bytes:
    lines = ["Nachname;Vorname;E-Mail"]
    lines += [f"Abbruch-{n};Test;abbruch{n}@example.org" for n in range(ROWS)]
    return "\n".join(lines).encode()


def upload(client) -> ImportJob:
    file = SimpleUploadedFile("leute.csv", people_file(), content_type="text/csv")
    client.post(reverse("partners:import_create"), {"kind": "people", "file": file})
    return ImportJob.objects.get()


def job_now(job: ImportJob) -> ImportJob:
    return ImportJob.objects.defer("payload").get(pk=job.pk)


def half_way(job: ImportJob, status: str):
    """True once the job's run is visibly under way and not finished."""
    current = job_now(job)
    return current.status == status and 0 < current.processed_rows < ROWS


@needs_real_connections
def test_killed_check_is_released_at_worker_start_and_checks_again(tmp_path, staff_client):
    env = worker_env(tmp_path)
    detail = reverse("partners:import_detail", args=[upload(staff_client).pk])
    job = ImportJob.objects.get()
    with override_settings(TASKS=DATABASE_TASKS):
        staff_client.post(detail, MAPPING)
    worker = start_worker(env, tmp_path / "first.log")
    try:
        wait_for(lambda: half_way(job, "checking"), "the check to be under way")
    finally:
        kill_hard(worker)
    assert job_now(job).status == "checking"  # stuck, as after the attack run

    replacement = start_worker(env, tmp_path / "second.log")
    try:
        wait_for(lambda: job_now(job).status == "interrupted", "the job to be released")
        lost = task_runs().get(status=TaskResultStatus.FAILED)
        assert lost.exception_class_path == LOST
        assert lost.task_path.endswith("import_check_task")
        # A dry run is not repeated by itself: the office decides.
        assert not task_runs().exclude(pk=lost.pk).exists()

        page = staff_client.get(detail).content.decode()
        assert "Unterbrochen" in page and "Nichts wurde geschrieben" in page
        assert reverse("partners:import_commit", args=[job.pk]) not in page  # check first

        with override_settings(TASKS=DATABASE_TASKS):
            assert staff_client.post(detail, MAPPING).status_code == 302
        wait_for(lambda: job_now(job).status == "checked", "the second check")
        with override_settings(TASKS=DATABASE_TASKS):
            staff_client.post(reverse("partners:import_commit", args=[job.pk]))
        wait_for(lambda: job_now(job).status == "done", "the import")
    finally:
        stop(replacement)
    assert Person.objects.count() == ROWS


@needs_real_connections
def test_killed_commit_shows_interrupted_on_the_page_and_imports_on_retry(tmp_path, staff_client):
    env = worker_env(tmp_path)
    job = upload(staff_client)
    detail = reverse("partners:import_detail", args=[job.pk])
    commit = reverse("partners:import_commit", args=[job.pk])
    worker = start_worker(env, tmp_path / "first.log")
    try:
        with override_settings(TASKS=DATABASE_TASKS):
            staff_client.post(detail, MAPPING)
            wait_for(lambda: job_now(job).status == "checked", "the check")
            staff_client.post(commit)
        wait_for(lambda: half_way(job, "committing"), "the commit to be under way")
    finally:
        kill_hard(worker)
    assert job_now(job).status == "committing"

    # No worker runs now: viewing the page is enough to find out.
    status = staff_client.get(reverse("partners:import_status", args=[job.pk]) + "?poll=1")
    assert status["HX-Refresh"] == "true"
    page = staff_client.get(detail).content.decode()
    assert job_now(job).status == "interrupted"
    assert "Unterbrochen" in page and commit in page
    lost = task_runs().get(status=TaskResultStatus.FAILED)
    assert (lost.exception_class_path, lost.task_path.rsplit(".", 1)[-1]) == (
        LOST,
        "import_commit_task",
    )
    assert Person.objects.count() == 0  # all or nothing

    with override_settings(TASKS=DATABASE_TASKS):
        staff_client.post(commit)
    worker = start_worker(env, tmp_path / "second.log")
    try:
        wait_for(lambda: job_now(job).status == "done", "the import")
    finally:
        stop(worker)
    assert Person.objects.count() == ROWS
