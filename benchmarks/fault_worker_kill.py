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
seen running is reported as not killed.

    python benchmarks/fault_worker_kill.py            # SQLite file in a temporary folder
    FAULT_DATABASE_URL=postgres://... python benchmarks/fault_worker_kill.py   # an EMPTY
                                                      # PostgreSQL database the run may fill

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
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from _machine import machine_info, write_section

PROJECT_DIR = Path(__file__).resolve().parent.parent
QUERY_DELAY = 0.01  # seconds added to each query of the workers
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


@dataclass
class Row:
    task: str
    killed: str
    outcome: str
    duplicates: int
    seconds: float
    ok: bool


@dataclass
class Scenario:
    """`start()` enqueues the task (directly or through the service that does) and returns a
    context for `check(context, mails)`, which says the outcome and whether it is right."""

    task: str
    start: Callable[[], Any]
    check: Callable[[Any, "Mails"], tuple[str, bool]]


class Mails:
    """The outbox rows a scenario made and what the SMTP server received meanwhile."""

    def __init__(self, server: Any) -> None:
        from innonet.core.models import OutgoingMail

        self.server = server
        self.first = (
            OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first()
        ) or 0
        server.received.clear()

    def rows(self):
        from innonet.core.models import OutgoingMail

        return OutgoingMail.objects.filter(pk__gt=self.first)

    def pending(self) -> int:
        return self.rows().filter(status__in=("waiting", "sending")).count()

    def duplicates(self) -> int:
        ids = Counter(str(message["Message-ID"]) for message in self.server.received)
        return sum(count - 1 for count in ids.values())

    def once(self, expected: int | None = None) -> tuple[str, bool]:
        """Every row sent and received exactly once (and as many as expected)."""
        rows = self.rows().count()
        sent = self.rows().filter(status="sent").count()
        received = len({str(m["Message-ID"]) for m in self.server.received})
        ok = rows == sent == received and self.duplicates() == 0
        if expected is not None:
            ok = ok and rows == expected
        wanted = "" if expected is None else f" (expected {expected})"
        return f"{rows} mails queued{wanted}, {sent} sent, {received} arrived", ok and rows > 0


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


# Scenarios ----------------------------------------------------------------------------------


def _staff():
    from innonet.accounts.models import Role, User

    return User.objects.filter(role=Role.STAFF, is_active=True).order_by("pk").first()


def scenarios() -> list[Scenario]:
    from django.utils import timezone

    from innonet.content.models import Issue, IssueStatus
    from innonet.content.newsletter.segments import issue_recipient_ids
    from innonet.core.outbox import queue_mail
    from innonet.core.tasks import send_mail_task
    from innonet.events import tasks as event_tasks
    from innonet.events.models import Event, EventStatus, Registration, RegistrationStatus
    from innonet.matching import tasks as matching_tasks
    from innonet.matching.documents import organisation_key
    from innonet.matching.models import (
        CooperationProfile,
        IndexState,
        InterestRequest,
        Introduction,
    )
    from innonet.partners import services as partner_services
    from innonet.partners.models import ImportJob, Organisation
    from innonet.partners.tasks import import_check_task, import_commit_task
    from innonet.projects import tasks as project_tasks
    from innonet.projects.models import CallDeadline, DeadlineReminder, FundingCall
    from innonet.reporting import services as report_services
    from innonet.reporting.models import IssuedReport
    from innonet.reporting.tasks import refresh_figures

    found: list[Scenario] = []

    def add(path: str):
        def register(pair):
            found.append(Scenario(path, *pair()))
            return pair

        return register

    def mails_once(expected_of: Callable[[Any], int | None] = lambda _c: None):
        return lambda context, mails: mails.once(expected_of(context))

    # core
    @add("innonet.core.tasks.send_mail_task")
    def _():
        to = [f"empfaenger{n}@beispiel.example" for n in range(20)]
        return (lambda: send_mail_task.enqueue(subject="Rundschreiben", body="Text", recipients=to),
                mails_once(lambda _c: 20))  # fmt: skip

    @add("innonet.core.tasks.send_outbox")
    def _():
        from django.core.mail import EmailMessage
        from django.db import transaction

        def start():
            with transaction.atomic():  # one batch, as a newsletter chunk queues them
                for n in range(60):
                    message = EmailMessage(
                        subject=f"Mitteilung {n}", body="Text", to=[f"m{n}@beispiel.example"]
                    )
                    queue_mail(message, key=f"fault:outbox:{n}", category="core.mail")

        def check(_context, mails):
            # At least once: the mail the server had accepted when the worker died, before
            # it was marked sent, goes out again after its lease (docs/decisions.md).
            text, ok = mails.once(60)
            if not ok and mails.duplicates() <= 1:
                rows = mails.rows()
                ok = rows.count() == rows.filter(status="sent").count() == 60
                text += "; the one in flight at the kill twice"
            return text, ok

        return start, check

    # content
    def newsletter(status_after: bool):
        def start():
            model = Issue.objects.order_by("pk").first()  # the demo's network
            issue = Issue.objects.create(
                subject="Neues aus dem Netzwerk", introduction="Liebe Mitglieder, …",
                status=IssueStatus.SCHEDULED, scheduled_for=timezone.now(),
                network=model.network if model else None, created_by=_staff(),
            )  # fmt: skip
            if status_after:
                from innonet.content.tasks import send_due_issues

                send_due_issues.enqueue()
            else:
                from innonet.content.tasks import send_issue

                send_issue.enqueue(issue_id=issue.pk)
            return issue.pk, len(issue_recipient_ids(issue))

        def check(context, mails):
            issue_id, expected = context
            text, ok = mails.once(expected)
            status = Issue.objects.get(pk=issue_id).status
            return f"issue {status}; {text}", ok and status == IssueStatus.SENT

        return start, check

    add("innonet.content.tasks.send_issue")(lambda: newsletter(False))
    add("innonet.content.tasks.send_due_issues")(lambda: newsletter(True))

    # events
    def upcoming_event() -> Event:
        soon = timezone.now() + timedelta(hours=2)
        published = Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=soon)
        return published.order_by("-pk").first()

    def confirmed(event: Event, count: int = 15) -> int:
        have = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        for n in range(have, count):
            Registration.objects.create(
                event=event,
                status=RegistrationStatus.CONFIRMED,
                first_name="Gast",
                last_name=str(n),
                email=f"gast{event.pk}.{n}@beispiel.example",
            )
        return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()

    @add("innonet.events.tasks.send_registration_mail")
    def _():
        def start():
            registration = (
                Registration.objects.filter(status=RegistrationStatus.CONFIRMED)
                .exclude(email="")
                .order_by("pk")
                .first()
            )
            event_tasks.send_registration_mail.enqueue(
                registration_id=registration.pk, kind="confirmed", occasion="fault"
            )

        return start, mails_once(lambda _c: 1)

    @add("innonet.events.tasks.send_event_reminders")
    def _():
        def start():
            event = upcoming_event()
            count = confirmed(event)
            event.registrations.update(reminder_sent_at=None)
            event_tasks.send_event_reminders.enqueue(
                event_id=event.pk, starts_at=event.starts_at.isoformat()
            )
            return count

        return start, mails_once(lambda count: count)

    @add("innonet.events.tasks.send_feedback_requests")
    def _():
        def start():
            event = upcoming_event()
            count = confirmed(event)
            Event.objects.filter(pk=event.pk).update(status=EventStatus.FINISHED)
            event.registrations.update(feedback_requested_at=None, attended_at=None)
            event_tasks.send_feedback_requests.enqueue(event_id=event.pk)
            return count

        return start, mails_once(lambda count: count)

    @add("innonet.events.tasks.send_event_cancelled")
    def _():
        def start():
            event = upcoming_event()
            confirmed(event)
            notified = (
                event.registrations.filter(status__in=("confirmed", "waiting", "pending"))
                .exclude(email="")
                .count()
            )
            Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
            event_tasks.send_event_cancelled.enqueue(event_id=event.pk)
            return notified

        return start, mails_once(lambda count: count)

    # matching
    @add("innonet.matching.tasks.refresh_index")
    def _():
        def start():
            from innonet.matching import search_index

            search_index.rebuild()  # an index to refresh
            keys = [
                organisation_key(pk)
                for pk in Organisation.objects.values_list("pk", flat=True)[:400]
            ]
            before = IndexState.objects.get().generation
            matching_tasks.refresh_index.enqueue(keys=keys)
            return before

        def check(before, mails):
            generation = IndexState.objects.get().generation
            return f"index generation {before} -> {generation}", generation > before

        return start, check

    @add("innonet.matching.tasks.rebuild_index")
    def _():
        def start():
            IndexState.objects.update(rebuild_requested_at=timezone.now(), rebuild_error="")
            matching_tasks.rebuild_index.enqueue()

        def check(_context, mails):
            state = IndexState.objects.get()
            done = state.rebuild_requested_at is None and not state.rebuild_error
            return (
                f"rebuilt ({state.documents} documents)"
                if done
                else f"not rebuilt: {state.rebuild_error}",
                done,
            )

        return start, check

    @add("innonet.matching.tasks.send_introduction_mail")
    def _():
        def start():
            introduction = Introduction.objects.order_by("pk").first()
            matching_tasks.send_introduction_mail.enqueue(
                introduction_id=introduction.pk, side="first"
            )

        return start, mails_once()

    @add("innonet.matching.tasks.send_interest_request_mail")
    def _():
        def start():
            asking, target = Organisation.objects.order_by("pk")[:2]
            request = InterestRequest.objects.create(
                organisation=asking, target_organisation=target, requested_by=_staff(),
                topic="Partner für Sensorik gesucht",
            )  # fmt: skip
            matching_tasks.send_interest_request_mail.enqueue(request_id=request.pk)

        return start, mails_once(lambda _c: 1)

    @add("innonet.matching.tasks.send_profile_reminder")
    def _():
        def start():
            profile = (
                CooperationProfile.objects.filter(created_by__isnull=False).order_by("pk").first()
            )
            matching_tasks.send_profile_reminder.enqueue(
                profile_id=profile.pk, role="creator", valid_until=profile.valid_until.isoformat()
            )

        return start, mails_once(lambda _c: 1)

    # partners
    def import_job(rows: int = 1500) -> ImportJob:
        lines = ["Name;Ort"] + [f"Störfall {n} GmbH;Rostock" for n in range(rows)]
        job = partner_services.import_job_create(
            kind="organisations", filename="stoerfall.csv", data="\n".join(lines).encode(),
            delimiter=";", acting_user=_staff(),
        )  # fmt: skip
        ImportJob.objects.filter(pk=job.pk).update(defaults={"kind": "sme"})
        return job

    def import_check(job_id, mails):
        job = ImportJob.objects.get(pk=job_id)
        imported = Organisation.objects.filter(name__startswith="Störfall ").count()
        ok = job.status == ImportJob.Status.INTERRUPTED and imported == 0
        return f"job {job.status}, {imported} organisations written", ok

    @add("innonet.partners.tasks.import_check_task")
    def _():
        def start():
            job = import_job()
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)
            import_check_task.enqueue(job_id=job.pk)
            return job.pk

        return start, import_check

    @add("innonet.partners.tasks.import_commit_task")
    def _():
        def start():
            job = import_job()
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
            import_commit_task.enqueue(job_id=job.pk, user_id=_staff().pk)
            return job.pk

        return start, import_check

    # projects
    def deadline() -> CallDeadline:
        call = (
            FundingCall.objects.filter(is_active=True, programme__is_active=True)
            .order_by("pk")
            .first()
        )
        return CallDeadline.objects.create(
            call=call, label="Stichtag Störfall", due_at=timezone.now() + timedelta(days=5)
        )

    @add("innonet.projects.tasks.send_deadline_reminders")
    def _():
        def start():
            due = deadline()
            project_tasks.send_deadline_reminders.enqueue(
                call_id=due.call_id, due_at=due.due_at.isoformat(), days_before=7
            )
            return len(project_tasks.recipients(due.call))

        return start, mails_once(lambda count: count)

    @add("innonet.projects.tasks.send_deadline_mail")
    def _():
        def start():
            due = deadline()
            reminder = DeadlineReminder.objects.create(
                call_id=due.call_id,
                label=due.label,
                due_at=due.due_at,
                days_before=7,
                recipient=_staff(),
            )
            project_tasks.send_deadline_mail.enqueue(reminder_id=reminder.pk)

        return start, mails_once(lambda _c: 1)

    # reporting
    @add("innonet.reporting.tasks.report_generate_task")
    def _():
        def start():
            from innonet.reporting.indicators import Period

            today = timezone.localdate()
            period = Period(today.replace(month=1, day=1), today)
            return report_services.issue_report(period, None, acting_user=_staff()).pk

        def check(report_id, mails):
            report = IssuedReport.objects.get(pk=report_id)
            ok = (
                report.status == IssuedReport.Status.DONE and bool(report.pdf) and bool(report.xlsx)
            )
            return f"report {report.status}", ok

        return start, check

    @add("innonet.reporting.tasks.refresh_figures")
    def _():
        def start():
            today = timezone.localdate()
            first = today.replace(year=today.year - 3, month=1, day=1).isoformat()
            refresh_figures.enqueue(
                name="dashboard", parts=[first, today.isoformat(), 0], language="de"
            )

        def check(_context, mails):
            return "lost, not run again; a later page computes the figures", True

        return start, check

    return found


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
            try:
                row = run_scenario(scenario, workers, server)
            except Exception as error:  # one broken scenario must not hide the others
                row = Row(name, "?", f"scenario failed: {error!r}"[:300], 0, 0, False)
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
