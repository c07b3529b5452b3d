"""Helpers for tests that need real connections: worker processes or parallel threads.

SQLite's in-memory test database cannot be shared with another process, and its shared-cache
table locks fail at once instead of waiting; production SQLite is a file. So on SQLite these
tests are skipped in the suite's own process and run together in one child pytest whose test
database is a file (tests/core/test_on_a_sqlite_file.py); on PostgreSQL they run directly.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from innonet.core.tasking import retrying

PROJECT = Path(__file__).resolve().parents[2]
IN_MEMORY_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and not (
    settings.DATABASES["default"].get("TEST", {}).get("NAME")
)
needs_real_connections = pytest.mark.skipif(
    IN_MEMORY_SQLITE, reason="runs in a child pytest against a SQLite file"
)
# Every worker also starts the day's retention run (db_worker); tests of other tasks leave it out.
RETENTION_RUN = "innonet.core.tasks.privacy_retention"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 180) -> Any:
    """Poll `condition` until it returns something true; fail with `what` at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def database_url() -> str:
    """The test database as a URL another process can open."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    return (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )


def worker_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "innonet.settings", "HTTPS": "false"}
    env.update(
        PYTHONPATH=os.pathsep.join([str(PROJECT / "src"), str(PROJECT)]),
        DATABASE_URL=database_url(),
        SECRET_KEY=settings.SECRET_KEY if len(settings.SECRET_KEY) >= 50 else "k" * 60,
        VAR_DIR=str(tmp_path / "var"),
        TASKS_BACKEND="database",
        LOG_FORMAT="json",
        **extra,
    )
    env.pop("SQLITE_TEST_NAME", None)
    return env


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start `innonet db_worker` writing its output to `log`."""
    command = [
        sys.executable, "-m", "django", "db_worker",
        "--no-reload", "--no-startup-delay", "--interval", "0.1",
    ]  # fmt: skip
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)


def kill_hard(process: subprocess.Popen) -> None:
    """`kill -9`, and reap the process so its pid is really gone."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            kill_hard(process)


def run_in_child(test_files: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run `test_files` in one child pytest whose SQLite test database is a file."""
    env = {**os.environ, "SQLITE_TEST_NAME": str(tmp_path / "test.sqlite3")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *test_files, "-q", "-p", "no:cacheprovider", "-x"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-3000:]
    return result


@retrying(retry_on=())
def wait_for_release_task(*, folder: str) -> int:
    """Note the worker's pid in `folder`, then wait until the test drops a `release` file."""
    path = Path(folder)
    (path / f"started-{os.getpid()}").touch()
    deadline = time.monotonic() + 300
    while not (path / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("never released")
        time.sleep(0.05)
    return os.getpid()


def task_runs(**filters: Any):
    """The background task runs of the test, without the worker's own daily retention run."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.exclude(task_path=RETENTION_RUN).filter(**filters)
