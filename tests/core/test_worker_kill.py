"""A worker killed in the middle of a task (RELIABILITY item 42): the run does not stay
"running"; another worker notices on its own, marks it interrupted and runs it again.

Real `innonet db_worker` processes against the test database (a file on SQLite, see
`worker_processes`), `kill -9` while the task runs."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innonet.core.models import WorkerHeartbeat
from innonet.core.workers import WorkerLost, interrupted_tasks_recover

from .worker_processes import (
    DATABASE_TASKS,
    kill_hard,
    needs_real_connections,
    start_worker,
    stop,
    task_runs,
    wait_for,
    wait_for_release_task,
    worker_env,
)

pytestmark = pytest.mark.django_db(transaction=True)
LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


def started_pids(folder) -> set[int]:
    return {int(path.name.split("-")[1]) for path in folder.glob("started-*")}


@needs_real_connections
def test_a_running_worker_releases_and_reruns_the_task_of_a_killed_one(tmp_path, staff_client):
    folder = tmp_path / "signals"
    folder.mkdir()
    env = worker_env(tmp_path, TASK_HEARTBEAT_SECONDS="1")
    with override_settings(TASKS=DATABASE_TASKS):
        first = wait_for_release_task.enqueue(folder=str(folder))
    doomed = start_worker(env, tmp_path / "doomed.log")
    survivor = None
    try:
        pid = wait_for(lambda: started_pids(folder), "the task to start")
        assert pid == {doomed.pid}
        survivor = start_worker(env, tmp_path / "survivor.log")
        wait_for(lambda: WorkerHeartbeat.objects.count() == 2, "both workers to register")
        # The first worker is alive: nothing is released yet.
        assert DBTaskResult.objects.get(pk=first.id).status == TaskResultStatus.RUNNING

        kill_hard(doomed)
        (folder / "release").touch()

        # Nobody asks: the surviving worker's own timer finds the dead worker's task.
        lost = wait_for(
            lambda: DBTaskResult.objects.filter(pk=first.id, status="FAILED").first(),
            "the interrupted run to be marked failed",
        )
        assert lost.exception_class_path == LOST
        assert f"process {doomed.pid}" in lost.traceback
        rerun = wait_for(
            lambda: task_runs(status=TaskResultStatus.SUCCESSFUL).first(),
            "the second run to succeed",
        )
        assert rerun.args_kwargs["kwargs"] == {"folder": str(folder), "attempt": 2}
        assert rerun.return_value == survivor.pid
        assert not task_runs(status=TaskResultStatus.RUNNING).exists()
        assert list(WorkerHeartbeat.objects.values_list("pid", flat=True)) == [survivor.pid]
    finally:
        stop(doomed)
        if survivor is not None:
            stop(survivor)

    # The staff page says what happened, in German.
    page = staff_client.get(reverse("core:task_list")).content.decode()
    assert "Unterbrochen" in page


@needs_real_connections
def test_a_new_worker_releases_the_task_at_start(tmp_path):
    folder = tmp_path / "signals"
    folder.mkdir()
    env = worker_env(tmp_path)
    with override_settings(TASKS=DATABASE_TASKS):
        first = wait_for_release_task.enqueue(folder=str(folder))
    doomed = start_worker(env, tmp_path / "doomed.log")
    try:
        wait_for(lambda: started_pids(folder), "the task to start")
    finally:
        kill_hard(doomed)
    assert DBTaskResult.objects.get(pk=first.id).status == TaskResultStatus.RUNNING
    (folder / "release").touch()
    replacement = start_worker(env, tmp_path / "replacement.log")
    try:
        wait_for(
            lambda: task_runs(status=TaskResultStatus.SUCCESSFUL).exists(),
            "the rerun to succeed",
        )
    finally:
        stop(replacement)
    assert DBTaskResult.objects.get(pk=first.id).exception_class_path == LOST
    assert not WorkerHeartbeat.objects.exists()  # a worker that stops cleanly leaves no row


@needs_real_connections
def test_a_live_worker_is_never_taken_for_dead(tmp_path):
    folder = tmp_path / "signals"
    folder.mkdir()
    with override_settings(TASKS=DATABASE_TASKS):
        first = wait_for_release_task.enqueue(folder=str(folder))
    worker = start_worker(worker_env(tmp_path), tmp_path / "worker.log")
    try:
        wait_for(lambda: started_pids(folder), "the task to start")
        assert interrupted_tasks_recover() == []
        assert DBTaskResult.objects.get(pk=first.id).status == TaskResultStatus.RUNNING
        (folder / "release").touch()
        wait_for(
            lambda: DBTaskResult.objects.get(pk=first.id).status == "SUCCESSFUL",
            "the task to finish",
        )
    finally:
        stop(worker)
