"""Fault run: the background worker is killed (SIGKILL) in the middle of each kind of task.

For every background task: a real `innonet db_worker` takes the task, enqueued with the demo
data (`innonet demo`) the way the platform enqueues it; as soon as its result row says RUNNING
the worker gets `kill -9`; a new worker starts (it releases the dead worker's run at start);
then the outcome is checked against the task's declared plan (docs/decisions.md, "Worker killed
during a task"): run again and completed once, or marked interrupted with nothing half-written,
or lost when a later run redoes it. Mails go through a real SMTP server (aiosmtpd) in this
process; each must arrive exactly once.

To see the tasks run, the workers' queries are slowed by QUERY_DELAY each (a wrapper around
the worker command; the code under test is unchanged). A task that still finishes before it is
killed is tried again with new data, up to TRIES times, else reported as not killed.

    python benchmarks/fault_worker_kill.py            # SQLite file in a temporary folder
    FAULT_DATABASE_URL=postgres://... python benchmarks/fault_worker_kill.py   # an EMPTY
                                                      # PostgreSQL database the run may fill

FAULT_ONLY=send_issue,import_commit_task runs a few (and writes no figures).

Not part of the test suite; bounded (about 3 minutes). Writes its table into
docs/benchmarks.md (section `fault_worker_kill`).
"""

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _machine import machine_info, write_section
from fault_worker_tasks import Mails, Row, Scenario, scenarios

PROJECT_DIR = Path(__file__).resolve().parent.parent
QUERY_DELAY = 0.01  # seconds added to each query of the workers
TRIES = 3  # a task that finished before the kill is enqueued again with new data
SETTLE_SECONDS = 75  # longest wait for the outcome (a leased mail waits OUTBOX_LEASE_SECONDS)
SLOW_WORKER = f"""
import sys, time
from django.db.backends import utils
_execute, _many = utils.CursorWrapper.execute, utils.CursorWrapper.executemany
def execute(self, *args, **kwargs):
    time.sleep({QUERY_DELAY})
    return _execute(self, *args, **kwargs)
def executemany(self, *args, **kwargs):
    time.sleep({QUERY_DELAY})
    return _many(self, *args, **kwargs)
utils.CursorWrapper.execute, utils.CursorWrapper.executemany = execute, executemany
from django.core.management import execute_from_command_line
execute_from_command_line(["innonet", "db_worker", "--no-reload", "--no-startup-delay",
                           "--interval", "0.1"])
"""


def environment(var_dir: Path, smtp_port: int) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "innonet.settings", "HTTPS": "false"}
    env.update(
        PYTHONPATH=os.pathsep.join([str(PROJECT_DIR / "src"), str(PROJECT_DIR)]),
        VAR_DIR=str(var_dir),
        DEBUG="false",
        TASKS_BACKEND="database",
        TASK_HEARTBEAT_SECONDS="1",
        OUTBOX_LEASE_SECONDS="30",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        OFFICE_EMAIL="geschaeftsstelle@innonet.example",
        SECRET_KEY=os.environ.get("SECRET_KEY", "fault-run-only-" + "k" * 50),
        LOG_FORMAT="json",
    )
    url = os.environ.get("FAULT_DATABASE_URL")
    if url:
        env["DATABASE_URL"] = url
    else:
        env.pop("DATABASE_URL", None)
    return env


def manage(env: dict[str, str], *args: str, **extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "django", *args], cwd=PROJECT_DIR, env={**env, **extra},
        capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} failed:\n{result.stdout[-1500:]}{result.stderr[-1500:]}"
        )


class Workers:
    """One worker at a time, its output appended to one log."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log, self.process = env, log, None

    def start(self) -> subprocess.Popen:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-c", SLOW_WORKER], cwd=PROJECT_DIR, env=self.env,
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        return self.process

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def task_result(path: str, since) -> Any:
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.filter(task_path=path, enqueued_at__gte=since)
        .order_by("enqueued_at")
        .first()
    )


def wait(condition: Callable[[], Any], timeout: float, step: float = 0.005) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


def settled(mails: Mails) -> bool:
    """No run is due or running now, and no mail of the scenario waits."""
    from django_tasks_db.models import DBTaskResult

    busy = DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists()
    return not busy and mails.pending() == 0


def run_scenario(scenario: Scenario, workers: Workers, server: Any) -> Row:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    path = scenario.task
    name = path.rsplit(".", 1)[1]
    mails = Mails(server)
    since = timezone.now()
    started = time.monotonic()
    context = scenario.start()
    result = wait(lambda: task_result(path, since), 10)
    if result is None:
        return Row(name, "no", "never enqueued", 0, time.monotonic() - started, False)
    seen = wait(
        lambda: DBTaskResult.objects.filter(pk=result.pk).exclude(status="READY").values_list(
            "status", flat=True).first(), 30,
    )  # fmt: skip
    killed = "no (finished before it was seen running)"
    if seen == "RUNNING":
        time.sleep(random.uniform(0.0, 0.15))
        workers.kill()
        after = DBTaskResult.objects.get(pk=result.pk).status
        killed = "yes" if after == "RUNNING" else "no (finished in the same instant)"
        workers.start()
    wait(lambda: settled(mails), SETTLE_SECONDS, step=0.2)
    outcome, ok = scenario.check(context, mails)
    runs = DBTaskResult.objects.filter(task_path=path, enqueued_at__gte=since)
    statuses = Counter(runs.values_list("status", flat=True))
    lost = runs.filter(exception_class_path__endswith="WorkerLost").count()
    shape = f"{runs.count()} run(s): " + ", ".join(
        f"{n} {s.lower()}" for s, n in sorted(statuses.items())
    )
    if lost:
        shape += f" ({lost} lost with the worker)"
    return Row(
        name, killed, f"{outcome}; {shape}", mails.duplicates(), time.monotonic() - started, ok
    )


def main() -> int:
    sys.path[:0] = [str(PROJECT_DIR / "src"), str(PROJECT_DIR)]
    from tests.core.smtp_script import ScriptedServer

    server = ScriptedServer().start()
    begun = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        # FAULT_VAR_DIR: a folder to keep (and reuse, prepared, when trying the script out)
        var_dir = Path(os.environ.get("FAULT_VAR_DIR") or folder)
        env = environment(var_dir, server.port)
        database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        if not (var_dir / "prepared").exists():
            print(f"preparing the demo data on {database} ...", flush=True)
            manage(env, "migrate", "--noinput")
            manage(env, "createcachetable")
            manage(env, "demo", TASKS_BACKEND="immediate", EMAIL_URL="dummy:")
            (var_dir / "prepared").touch()
        prepared = time.monotonic() - begun
        rows = run_all(env, var_dir, server)
        total = time.monotonic() - begun
    if os.environ.get("FAULT_ONLY"):
        return 0 if all(row.ok for row in rows) else 1  # a partial run writes no figures
    write(rows, database, prepared, total)
    return 0 if all(row.ok for row in rows) else 1


def run_all(env: dict[str, str], var_dir: Path, server: Any) -> list[Row]:
    """Every scenario in turn, one worker at a time."""
    os.environ.update(env)
    import django

    django.setup()
    import logging

    from django_tasks_db.models import DBTaskResult

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the SMTP server's chatter
    DBTaskResult.objects.all().delete()  # the demo's runs, and those of an earlier try
    workers = Workers(env, var_dir / "workers.log")
    workers.start()
    rows = []
    try:
        only = os.environ.get("FAULT_ONLY", "")  # a comma-separated choice of task names
        for scenario in scenarios():
            if only and scenario.task.rsplit(".", 1)[1] not in only.split(","):
                continue
            name = scenario.task.rsplit(".", 1)[1]
            for attempt in range(1, TRIES + 1):
                try:
                    row = run_scenario(scenario, workers, server)
                except Exception as error:  # one broken scenario must not hide the others
                    row = Row(name, "?", f"scenario failed: {error!r}"[:300], 0, 0, False)
                if row.killed != "yes" or not row.ok:
                    print(f"{name}: try {attempt}: killed {row.killed}", flush=True)
                if row.killed == "yes" or not row.ok:
                    break
            if attempt > 1:
                row.killed += f" (try {attempt} of {TRIES})"
            rows.append(row)
            verdict = "ok" if row.ok else "NOT AS PLANNED"
            print(f"{row.task}: killed {row.killed}; {row.outcome}; duplicates "
                  f"{row.duplicates}; {row.seconds:.1f}s; {verdict}", flush=True)  # fmt: skip
    finally:
        workers.stop()
        server.stop()
    return rows


def write(rows: list[Row], database: str, prepared: float, total: float) -> None:
    lines = [
        f"## Fault run: the worker killed during each kind of task ({database})",
        "",
        f"`benchmarks/fault_worker_kill.py` on {database} with the demo data: a real `innonet "
        "db_worker` takes each task, gets `kill -9` as soon as the task's result says RUNNING "
        f"(its queries slowed by {QUERY_DELAY * 1000:.0f} ms each so that the run can be seen), a "
        "new worker starts, and the outcome is checked against the task's plan "
        '(docs/decisions.md, "Worker killed during a task"). Mails through a real SMTP server; '
        "duplicates are messages that arrived more than once. Seconds: from enqueueing to "
        "the settled outcome.",
        "",
        "| task | killed while running | outcome | duplicates | seconds | as planned |",
        "| --- | --- | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        lines.append(
            f"| `{row.task}` | {row.killed} | {row.outcome} | {row.duplicates} | "
            f"{row.seconds:.1f} | {'yes' if row.ok else '**no**'} |"
        )
    lines += ["", f"Preparing the demo data {prepared:.0f} s, whole run {total:.0f} s."]
    info = machine_info()
    lines.append("Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    # One section per database, so a run on one leaves the other's figures.
    section = "fault_worker_kill" if database == "SQLite" else "fault_worker_kill_postgresql"
    write_section(section, "\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(main())
