"""How recovery tells dead workers from live ones, and what it does with their task runs.

The heartbeat rows are written by hand here; `test_worker_kill` does the same with real
processes and `kill -9`."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innonet.core import workers
from innonet.core.models import WorkerHeartbeat
from innonet.core.tasks import send_mail_task
from innonet.matching import search_index
from innonet.matching.tasks import rebuild_index
from innonet.partners.tasks import import_check_task
from tests.factories import ImportJobFactory

from .worker_processes import DATABASE_TASKS

pytestmark = pytest.mark.django_db
MAIL = {"subject": "Hallo", "body": "Text", "recipients": ["a@beispiel.de"]}


def a_dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def heartbeat(worker_id: str, *, pid: int, here: bool = True, age: int = 0) -> WorkerHeartbeat:
    beat = timezone.now() - timedelta(seconds=age)
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        host="rechner",
        host_key=workers.host_key() if here else "another-machine",
        pid=pid,
        process_started=workers.process_started(pid),
        started_at=beat,
        beat_at=beat,
    )


def running(task, worker_id: str, **kwargs) -> DBTaskResult:
    with override_settings(TASKS=DATABASE_TASKS):
        result = task.enqueue(**kwargs)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    return row


def status(row: DBTaskResult) -> str:
    row.refresh_from_db()
    return row.status


def test_live_local_worker_keeps_its_task_however_old_its_heartbeat():
    heartbeat("w1", pid=os.getpid(), age=10_000)
    row = running(send_mail_task, "w1", **MAIL)
    assert workers.interrupted_tasks_recover() == []
    assert status(row) == TaskResultStatus.RUNNING


def test_dead_local_worker_is_found_at_once_and_a_retrying_task_runs_again():
    heartbeat("w1", pid=a_dead_pid())
    row = running(send_mail_task, "w1", **MAIL)
    with override_settings(TASKS=DATABASE_TASKS):
        [found] = workers.interrupted_tasks_recover()
    assert found.retried
    assert status(row) == TaskResultStatus.FAILED
    assert row.exception_class_path == "innonet.core.workers.WorkerLost"
    # (the worker also starts the day's retention run: only the mail's run is looked at)
    again = DBTaskResult.objects.get(status=TaskResultStatus.READY, task_path=row.task_path)
    assert again.args_kwargs["kwargs"] == {**MAIL, "attempt": 2}
    assert not WorkerHeartbeat.objects.exists()
    assert workers.interrupted_tasks_recover() == []  # once only


def test_a_reused_pid_is_not_taken_for_the_worker():
    beat = heartbeat("w1", pid=os.getpid())
    WorkerHeartbeat.objects.filter(pk=beat.pk).update(process_started="1")
    row = running(send_mail_task, "w1", **MAIL)
    with override_settings(TASKS=DATABASE_TASKS):
        assert len(workers.interrupted_tasks_recover()) == 1
    assert status(row) == TaskResultStatus.FAILED


@pytest.mark.parametrize(("age", "lost"), [(60, False), (301, True)])
def test_workers_elsewhere_count_by_their_lease(settings, age, lost):
    settings.TASK_LEASE_SECONDS = 300
    heartbeat("w1", pid=1, here=False, age=age)
    row = running(send_mail_task, "w1", **MAIL)
    with override_settings(TASKS=DATABASE_TASKS):
        workers.interrupted_tasks_recover()
    assert (status(row) == TaskResultStatus.FAILED) is lost


def test_last_attempt_is_not_run_again(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    heartbeat("w1", pid=a_dead_pid())
    running(send_mail_task, "w1", **MAIL, attempt=3)
    [found] = workers.interrupted_tasks_recover()
    assert not found.retried
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_run_without_any_heartbeat_is_released_after_the_lease(settings):
    settings.TASK_LEASE_SECONDS = 300
    row = running(send_mail_task, "foreign", **MAIL)
    assert workers.interrupted_tasks_recover() == []
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(seconds=301)
    )
    with override_settings(TASKS=DATABASE_TASKS):
        assert len(workers.interrupted_tasks_recover()) == 1


def test_import_job_waiting_on_a_lost_check_becomes_interrupted():
    job = ImportJobFactory(
        kind="people", filename="x.csv", file_format="csv", status="checking", counts={"a": 1}
    )
    heartbeat("w1", pid=a_dead_pid())
    running(import_check_task, "w1", job_id=job.pk)
    [found] = workers.interrupted_tasks_recover()
    assert not found.retried  # the office decides
    job.refresh_from_db()
    assert (job.status, job.counts, job.can_commit) == ("interrupted", {}, False)


def test_lost_rebuild_runs_again_and_the_last_one_frees_the_button(settings):
    settings.TASK_MAX_ATTEMPTS = 2
    row = search_index.state()
    type(row).objects.filter(pk=row.pk).update(rebuild_requested_at=timezone.now())
    heartbeat("w1", pid=a_dead_pid())
    running(rebuild_index, "w1")
    with override_settings(TASKS=DATABASE_TASKS):
        [found] = workers.interrupted_tasks_recover()
    assert found.retried
    assert search_index.state().rebuild_requested_at is not None  # still under way
    heartbeat("w2", pid=a_dead_pid())
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).get().claim("w2")
    [found] = workers.interrupted_tasks_recover()
    assert not found.retried
    state = search_index.state()
    assert state.rebuild_requested_at is None
    assert "beendet" in state.rebuild_error


def test_the_worker_waits_for_the_database_and_releases_the_run_it_cut_short(monkeypatch):
    """The database restarts under a running worker: the worker does not end but waits, and
    the run that could not even be marked failed runs again instead of staying "running"."""
    from django_tasks_db.management.commands import db_worker as library

    from innonet.core.management.commands import db_worker

    row = running(send_mail_task, "w-outage", **MAIL)
    loops: list[int] = []

    def library_run(self) -> None:
        loops.append(1)
        if len(loops) == 1:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(library.Worker, "run", library_run)
    monkeypatch.setattr(db_worker.connections, "close_all", lambda: None)  # the test's transaction
    monkeypatch.setattr(db_worker.time, "sleep", lambda seconds: None)
    worker = db_worker.Worker(
        queue_names=["default"], interval=1, batch=False, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="w-outage", excluded_queue_names=[],
    )  # fmt: skip
    with override_settings(TASKS=DATABASE_TASKS):
        worker.run()
    assert len(loops) == 2  # it went on after the outage
    assert status(row) == TaskResultStatus.FAILED
    assert row.traceback and "database went away" in row.traceback
    # (the worker also starts the day's retention run: only the mail's run is looked at)
    again = DBTaskResult.objects.get(status=TaskResultStatus.READY, task_path=row.task_path)
    assert again.args_kwargs["kwargs"] == {**MAIL, "attempt": 2}
