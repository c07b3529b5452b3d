"""Fault run: the database and the mail server fail while people use the site.

A PostgreSQL server of its own (initdb into a temporary directory, a free loopback port, run
as the `postgres` system user when started as root), the demo network, gunicorn with 3 sync
workers, one background worker and an SMTP server (aiosmtpd) that notes the Message-ID of every
mail it takes. A few client threads read the public event page, register for the event (GET the
form, POST it, expect the redirect to the confirmation page) and page through staff lists, while
one fault after the other happens, with time to recover in between:

1. `pg_ctl restart -m fast` (a planned restart: sessions are ended, then the server comes back),
2. `pg_ctl restart -m immediate` (like a crash: no clean shutdown, recovery from the WAL),
3. every connection of the app killed with `pg_terminate_backend`,
4. the SMTP server away for 20 s while registrations go on.

Every request is recorded (time, kind, status). Per fault: requests in the window, failures
by status, 500s, seconds until the first success and until every request succeeds again.
Afterwards, once the worker has drained the outbox: every registration that got its redirect
exists exactly once, every registration has its confirmation mail, the SMTP server took every
confirmation mail exactly once, and no task is left running.

Usage: python benchmarks/fault_database.py [--seconds-between 15]
Needs PostgreSQL 15's server programs (PG_BIN, default /usr/lib/postgresql/15/bin) and
aiosmtpd (`pip install -e '.[bench]'`).
"""

import argparse
import contextlib
import http.client
import itertools
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from _gunicorn import free_port, start_gunicorn
from _machine import machine_info, write_section
from bench_lists import run
from bench_load import SETUP, environment, start_smtp, warm_up

PROJECT_DIR = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "innonet_fault"
DOMAIN = "lasttest-besucher.de"  # the registration form refuses example domains
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SMTP_AWAY_SECONDS = 20
DRAIN_SECONDS = 150

# Registrations of the run, their outbox rows and the state of the task queue.
CHECKS = r"""
import json
from collections import Counter
import django
django.setup()
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from innonet.core.models import OutgoingMail
from innonet.events.models import Registration
domain = "@" + DOMAIN
print(json.dumps({
    "registrations": list(Registration.objects.filter(email__endswith=domain)
                          .values_list("pk", "email")),
    "mails": list(OutgoingMail.objects.filter(to_address__endswith=domain)
                  .values_list("key", "to_address", "status", "message_id")),
    "times": [(created.timestamp(), sent and sent.timestamp()) for created, sent in
              OutgoingMail.objects.filter(to_address__endswith=domain)
              .values_list("created_at", "sent_at")],
    "tasks": Counter(DBTaskResult.objects.values_list("status", flat=True)),
    "ready_later": DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now())
                   .exclude(run_after=get_date_max()).count(),
    "failed_tasks": list(DBTaskResult.objects.filter(status="FAILED")
                         .values_list("task_path", flat=True)),
}))
""".replace("DOMAIN", repr(DOMAIN))


def static_files_ready(static_root: Path) -> bool:
    """Collected static files are kept between runs (compressing them takes minutes on two
    cores): `static_root` links to them; False when they must be collected (again)."""
    kept = PROJECT_DIR / "var" / "bench" / "fault-static"
    kept.mkdir(parents=True, exist_ok=True)
    static_root.symlink_to(kept, target_is_directory=True)
    manifest = kept / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = (path for path in (PROJECT_DIR / "src").glob("**/static/**/*") if path.is_file())
    return max((path.stat().st_mtime for path in sources), default=0) < manifest.stat().st_mtime


# The throwaway PostgreSQL server --------------------------------------------------------------


class Postgres:
    """A PostgreSQL server in a temporary directory on a free port, trusting loopback."""

    def __init__(self) -> None:
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="innonet-fault-pg-"))
        self.data = self.directory / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def _run(self, *command: str, timeout: int = 120) -> float:
        # The server that pg_ctl starts keeps its output streams: no pipes here, or this
        # would wait for the server to end.
        started = time.monotonic()
        subprocess.run(
            [*self.as_postgres, *command], check=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, timeout=timeout,
        )  # fmt: skip
        return time.monotonic() - started

    def _ctl(self, *args: str) -> float:
        return self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60",
            "-l", str(self.directory / "server.log"), *args,
        )  # fmt: skip

    def _options(self, *, durable: bool) -> str:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        if not durable:  # building the demo data only: nothing to lose yet
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        return options

    def start(self) -> None:
        """Initialise and start the server, quick but not crash-safe until `make_durable`."""
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self._ctl("-o", self._options(durable=False), "start")
        self.sql("postgres", f'CREATE DATABASE "{DATABASE}"')

    def make_durable(self) -> None:
        """Restart with the defaults (fsync on), as a production server runs."""
        self.sql("postgres", "CHECKPOINT")
        self._ctl("-m", "fast", "-o", self._options(durable=True), "restart")

    def restart(self, mode: str) -> float:
        """Seconds `pg_ctl restart -m mode` took (the server is away for about as long)."""
        return self._ctl("-m", mode, "restart")

    def sql(self, database: str, statement: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(f"{self.url}/{database}", autocommit=True) as connection:
            cursor = connection.execute(statement, params or None)
            return cursor.fetchall() if cursor.description else []

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._ctl("-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


# Load -----------------------------------------------------------------------------------------


@dataclass
class Record:
    started: float
    ended: float
    kind: str
    status: int  # 0: no answer (connection failed or timed out)
    ok: bool


@dataclass
class Load:
    """Client threads that read, register and page through staff lists, recording every
    request."""

    port: int
    setup: dict
    records: list[Record] = field(default_factory=list)
    registered: list[str] = field(default_factory=list)  # e-mail addresses that got the redirect
    posted_unclear: list[str] = field(default_factory=list)  # POSTs answered with an error
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1))

    def request(
        self, kind: str, method: str, path: str, headers: dict[str, str], body: str | None = None
    ) -> tuple[int, http.client.HTTPResponse | None, str]:
        status, response, text = 0, None, ""
        headers = {"Accept-Language": "de", **headers}
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            status = response.status
            connection.close()
        except (OSError, http.client.HTTPException):
            pass
        return status, response, text

    def note(self, started: float, kind: str, status: int, ok: bool) -> None:
        with self.lock:
            self.records.append(Record(started, time.monotonic(), kind, status, ok))

    def get(self, kind: str, path: str, headers: dict[str, str]) -> tuple[int, str, str]:
        started = time.monotonic()
        status, response, text = self.request(kind, "GET", path, headers)
        self.note(started, kind, status, status == 200)
        cookie = ""
        if response is not None:
            for name, value in response.getheaders():
                if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                    cookie = value.split(";", 1)[0]
        return status, text, cookie

    def register(self) -> None:
        number = next(self.numbers)
        address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        headers = {"X-Forwarded-For": address}  # each registrant from its own address
        status, text, cookie = self.get(
            "public: registration form", self.setup["register_url"], headers
        )
        found = CSRF.search(text)
        if status != 200 or not found or not cookie:
            return
        address = f"last-{number}-{secrets.token_hex(4)}@{DOMAIN}"
        body = urlencode({
            "csrfmiddlewaretoken": found.group(1), "first_name": "Lasttest",
            "last_name": f"Besucher {number}", "email": address, "language": "de",
            "consent": "on", "colleagues-TOTAL_FORMS": "0", "colleagues-INITIAL_FORMS": "0",
            "colleagues-MIN_NUM_FORMS": "0", "colleagues-MAX_NUM_FORMS": "1000",
        })  # fmt: skip
        started = time.monotonic()
        status, response, _text = self.request(
            "public: registration POST", "POST", self.setup["register_url"],
            {**headers, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
             "Referer": f"http://127.0.0.1:{self.port}{self.setup['register_url']}"},
            body,
        )  # fmt: skip
        location = urlsplit(response.getheader("Location") or "").path if response else ""
        ok = status == 302 and location.endswith("/angemeldet/")
        self.note(started, "public: registration POST", status, ok)
        with self.lock:
            (self.registered if ok else self.posted_unclear).append(address)

    def registrant(self) -> None:
        while not self.stopping.wait(0.3):
            reader = {"X-Forwarded-For": "10.200.0.1"}
            self.get("public: event page", self.setup["event_url"], reader)
            self.register()

    def staff(self, session: str) -> None:
        pages = itertools.cycle(
            ["/partners/", self.setup["registrants_url"], "/projekte/", "/vermittlungen/"]
        )
        while not self.stopping.wait(0.3):
            self.get("staff: lists", next(pages), {"Cookie": f"sessionid={session}"})

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self.registrant) for _ in range(3)]
        threads += [
            threading.Thread(target=self.staff, args=(session,))
            for session in self.setup["staff_sessions"][:2]
        ]
        for thread in threads:
            thread.start()
        return threads


# Faults ---------------------------------------------------------------------------------------


@dataclass
class Fault:
    name: str
    started: float = 0.0
    ended: float = 0.0  # end of the window: recovered, or the fault's time is up
    action_seconds: float = 0.0
    note: str = ""

    def covers(self, record: "Record") -> bool:
        """A request belongs to the fault when it was still running as the fault began."""
        return record.ended >= self.started and record.started < self.ended


def wait_until_quiet(load: Load, since: float, quiet: float = 5.0, limit: float = 40.0) -> float:
    """Wait until no request has failed for `quiet` seconds (at most `limit` s after `since`)."""
    while time.monotonic() < since + limit:
        time.sleep(0.5)
        with load.lock:
            failures = [r.ended for r in load.records if r.started >= since and not r.ok]
        last = max(failures, default=since)
        if time.monotonic() - last >= quiet:
            break
    return time.monotonic()


def summarise(fault: Fault, records: list[Record]) -> dict:
    window = [r for r in records if fault.covers(r)]
    failed = [r for r in window if not r.ok]
    first_failure = min((r.ended for r in failed), default=None)
    summary = {
        "name": fault.name,
        "note": fault.note,
        "requests": len(window),
        "failed": len(failed),
        "by_status": dict(sorted(Counter(str(r.status or "no answer") for r in failed).items())),
        "errors_500": sum(r.status >= 500 and r.status != 503 for r in window),
        "first_success": None,
        "all_succeed": 0.0,
        "action_seconds": fault.action_seconds,
    }
    if first_failure is not None:
        successes = [r.ended for r in window if r.ok and r.started >= first_failure]
        first = min(successes, default=None)
        summary["first_success"] = None if first is None else first - fault.started
        summary["all_succeed"] = max(r.ended for r in failed) - fault.started
    return summary


def sink_lines(spool: Path) -> list[tuple[str, str]]:
    if not spool.exists():
        return []
    return [tuple(line.split("\t", 1)) for line in spool.read_text().splitlines() if line]


def check(
    env: dict[str, str], load: Load, spool: Path, deadline: float, smtp_outage: dict[str, float]
) -> tuple[dict, float]:
    """Wait for the outbox and the task queue to empty (until `deadline`), then compare the
    database with what the clients and the SMTP server saw."""
    started = time.monotonic()
    while True:
        found = json.loads(run(env, code=CHECKS))
        waiting = sum(status in ("queued", "sending") for _k, _a, status, _m in found["mails"])
        # a run planned for later (a retry after a failure) is not work still to do now
        ready_now = found["tasks"].get("READY", 0) - found["ready_later"]
        busy = ready_now + found["tasks"].get("RUNNING", 0)
        if (waiting == 0 and busy == 0) or time.monotonic() > deadline:
            break
        time.sleep(3)
    drained = time.monotonic() - started
    rows = Counter(email for _pk, email in found["registrations"])
    mails_per_address = Counter(address for _k, address, _s, _m in found["mails"])
    received = Counter(message_id for message_id, _rcpt in sink_lines(spool))
    our_ids = {message_id for _k, _a, _s, message_id in found["mails"]}
    statuses = Counter(status for _k, _a, status, _m in found["mails"])
    result = {
        "registered": len(load.registered),
        "posts_unclear": len(load.posted_unclear),
        "rows": len(found["registrations"]),
        "redirect_without_row": sum(rows[a] == 0 for a in load.registered),
        "redirect_with_several_rows": sum(rows[a] > 1 for a in load.registered),
        "unclear_with_row": sum(rows[a] > 0 for a in load.posted_unclear),
        "row_without_mail": sum(mails_per_address[a] == 0 for a in rows),
        "row_with_several_mails": sum(mails_per_address[a] > 1 for a in rows),
        "mails": len(found["mails"]),
        "mail_statuses": dict(statuses),
        "received": sum(received[m] > 0 for m in our_ids),
        "not_received": sum(received[m] == 0 for m in our_ids),
        "received_twice": sum(received[m] > 1 for m in our_ids),
        "received_unknown": sum(n for m, n in received.items() if m not in our_ids),
        "tasks": dict(found["tasks"]),
        "ready_later": found["ready_later"],
        "failed_tasks": dict(Counter(found["failed_tasks"])),
        "drain_seconds": drained,
    }
    # the mails stored while the SMTP server was away, and when they went out after it
    waited = [
        sent for created, sent in found["times"]
        if smtp_outage["down"] <= created <= smtp_outage["up"]
    ]  # fmt: skip
    result["smtp_waited"] = len(waited)
    result["smtp_waited_sent"] = sum(sent is not None for sent in waited)
    result["smtp_last_after"] = max(
        (sent - smtp_outage["up"] for sent in waited if sent is not None), default=0.0
    )
    result["consistent"] = not any(
        result[key]
        for key in (
            "redirect_without_row", "redirect_with_several_rows", "row_without_mail",
            "row_with_several_mails", "not_received", "received_twice",
        )
    ) and not busy  # fmt: skip
    return result, drained


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds-between", type=float, default=15.0,
                        help="steady load before the first fault and after the last")  # fmt: skip
    args = parser.parse_args()
    begun = time.monotonic()
    postgres = Postgres()
    processes: list[subprocess.Popen] = []
    var_dir = tempfile.mkdtemp(prefix="innonet-fault-")
    out = Path(var_dir)
    try:
        postgres.start()
        smtp_port, port = free_port(), free_port()
        spool = out / "spool"
        smtp = start_smtp(smtp_port, spool)
        env = {
            **environment(var_dir, smtp_port),
            "DATABASE_URL": f"{postgres.url}/{DATABASE}",
            "OUTBOX_RETRY_SECONDS": "5",  # the default minute would only make the run longer
            "TASK_HEARTBEAT_SECONDS": "5",
        }
        print("building the demo network ...", flush=True)
        commands = [("migrate", "--noinput"), ("createcachetable",)]
        if not static_files_ready(out / "static"):
            commands.append(("collectstatic", "--noinput", "--verbosity", "0"))
        for command in [*commands, ("demo",), ("matching_index",)]:
            step = time.monotonic()
            run(env, *command)
            print(f"  {command[0]}: {time.monotonic() - step:.0f} s", flush=True)
        setup = json.loads(run(env, code=SETUP))
        postgres.make_durable()
        server = start_gunicorn(
            env, port, "--workers", "3", "--worker-class", "sync", "--timeout", "60",
            "--capture-output", "--error-logfile", str(out / "gunicorn.log"),
        )  # fmt: skip
        processes.append(server)
        worker_log = (out / "worker.log").open("w")

        def start_worker() -> subprocess.Popen:
            return subprocess.Popen(
                [sys.executable, "-m", "django", "db_worker"], cwd=PROJECT_DIR, env=env,
                stdout=worker_log, stderr=subprocess.STDOUT,
            )  # fmt: skip

        worker = start_worker()
        processes.append(worker)
        warm_up(f"http://127.0.0.1:{port}", setup)
        print(f"set up in {time.monotonic() - begun:.0f} s; load and faults ...", flush=True)

        load = Load(port, setup)
        threads = load.start()
        worker_deaths = 0

        def worker_alive() -> None:
            """The worker runs under systemd with Restart=always; here it is counted and
            started again the same way."""
            nonlocal worker, worker_deaths
            if worker.poll() is not None:
                worker_deaths += 1
                worker = start_worker()
                processes.append(worker)

        smtp_outage: dict[str, float] = {}

        def smtp_away() -> str:
            nonlocal smtp
            smtp.terminate()
            smtp.wait(10)
            smtp_outage["down"] = time.time()
            time.sleep(SMTP_AWAY_SECONDS)
            smtp = start_smtp(smtp_port, spool)
            smtp_outage["up"] = time.time()
            processes.append(smtp)
            return f"SMTP server away for {SMTP_AWAY_SECONDS} s"

        def terminate() -> str:
            killed = postgres.sql(
                "postgres",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (DATABASE,),
            )
            return f"{len(killed)} connections killed"

        actions: list[tuple[str, Callable[[], str]]] = [
            ("PostgreSQL restarted (fast)",
             lambda: f"down {postgres.restart('fast'):.1f} s"),
            ("PostgreSQL restarted (immediate, like a crash)",
             lambda: f"down {postgres.restart('immediate'):.1f} s"),
            ("Connections killed (pg_terminate_backend)", terminate),
            ("SMTP server away", smtp_away),
        ]  # fmt: skip
        faults = []
        time.sleep(args.seconds_between)
        for name, action in actions:
            fault = Fault(name, started=time.monotonic())
            print(f"  {name} ...", flush=True)
            fault.note = action()
            fault.action_seconds = time.monotonic() - fault.started
            fault.ended = wait_until_quiet(load, fault.started)
            faults.append(fault)
            worker_alive()
            time.sleep(2)  # requests between two windows belong to neither: they must succeed
        time.sleep(args.seconds_between)
        load.stopping.set()
        for thread in threads:
            thread.join(60)
        load_seconds = load.records[-1].ended - load.records[0].started
        worker_alive()
        print("waiting for the outbox to drain ...", flush=True)
        consistency, _drained = check(
            env, load, spool, time.monotonic() + DRAIN_SECONDS, smtp_outage
        )
        log = (out / "gunicorn.log").read_text()
        logged_500 = log.count('"message": "Internal Server Error')
        logged_503 = log.count('"message": "Service Unavailable')
    finally:
        for process in reversed(processes):
            with contextlib.suppress(OSError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(30)
        with contextlib.suppress(NameError, OSError):
            smtp.terminate()
        postgres.stop()
        keep = os.environ.get("FAULT_KEEP_LOGS")
        if keep:
            for name in ("gunicorn.log", "worker.log", "spool"):
                with contextlib.suppress(OSError):
                    shutil.copy(out / name, Path(keep) / name)
        shutil.rmtree(var_dir, ignore_errors=True)
    summaries = [summarise(fault, load.records) for fault in faults]
    totals = {
        "requests": len(load.records),
        "errors_500": sum(r.status >= 500 and r.status != 503 for r in load.records),
        "failed_outside": sum(
            not r.ok and not any(f.covers(r) for f in faults) for r in load.records
        ),
        "seconds": load_seconds,
        "logged_500": logged_500,
        "logged_503": logged_503,
        "worker_deaths": worker_deaths,
        "run_seconds": time.monotonic() - begun,
    }
    for r in load.records:
        if not r.ok and not any(f.covers(r) for f in faults):
            print(f"  failed outside the faults: {r.kind} {r.status} at {r.started - begun:.1f} s")
    write(summaries, consistency, totals)
    if os.environ.get("FAULT_KEEP_LOGS"):
        Path(os.environ["FAULT_KEEP_LOGS"], "records.json").write_text(json.dumps({
            "begun": begun, "records": [vars(r) for r in load.records],
            "faults": [vars(f) for f in faults],
        }))  # fmt: skip
    healthy = consistency["consistent"] and totals["errors_500"] == 0
    return 0 if healthy and totals["failed_outside"] == 0 else 1


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def write(summaries: list[dict], consistency: dict, totals: dict) -> None:
    c = consistency
    lines = [
        "## Faults: PostgreSQL restarted, connections killed, SMTP away (fault_database.py)",
        "",
        "A PostgreSQL 15 server of the run's own, the demo network, gunicorn with 3 sync workers "
        "(persistent connections with health checks), one background worker and an SMTP server "
        "that notes every Message-ID. Five client threads (three registering for a public event "
        "from their own addresses, two staff members paging through lists) run for "
        f"{totals['seconds']:.0f} s while one fault after the other happens; each window lasts "
        "until no request has failed for 5 s (requests still running when a fault begins "
        "count to it), then 2 s pass before the next. *First success* and *all succeed* count "
        "from the "
        "start of the fault; a failure is any answer but the expected one (200, or for the "
        "registration POST the redirect to the confirmation page). During an outage the site "
        "answers 503 with Retry-After. A mail the SMTP server could not take waits "
        "`OUTBOX_RETRY_SECONDS` (5 s here, 60 s by default) before the next try.",
        "",
        "| fault | what happened | requests | failed | failures by status | 500s | first success s "
        "| all succeed s |",
        "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for s in summaries:
        statuses = ", ".join(f"{status}: {n}" for status, n in s["by_status"].items()) or "-"
        lines.append(
            f"| {s['name']} | {s['note']} | {s['requests']} | {s['failed']} | {statuses} | "
            f"{s['errors_500']} | {_seconds(s['first_success'])} | {s['all_succeed']:.1f} |"
        )
    statuses = ", ".join(f"{status} {n}" for status, n in sorted(c["mail_statuses"].items()))
    tasks = ", ".join(f"{status} {n}" for status, n in sorted(c["tasks"].items()))
    failed_tasks = (
        ", ".join(
            f"`{path.rsplit('.', 1)[-1]}` {n}" for path, n in sorted(c["failed_tasks"].items())
        )
        or "-"
    )
    lines += [
        "",
        f"Requests in all: {totals['requests']:,}; answers 500 (or other 5xx but 503): "
        f"{totals['errors_500']}; logged by the server as Internal Server Error: "
        f"{totals['logged_500']} (as Service Unavailable, with the database error: "
        f"{totals['logged_503']}); "
        f"failed requests outside the fault windows: {totals['failed_outside']}; "
        f"times the worker process ended and was started again: {totals['worker_deaths']}.",
        "",
        "After the run (the worker drained the outbox in "
        f"{c['drain_seconds']:.0f} s):",
        "",
        "| check | result |",
        "| --- | ---: |",
        f"| registrations answered with the redirect | {c['registered']:,} |",
        f"| … of them without a registration row / with several | "
        f"{c['redirect_without_row']} / {c['redirect_with_several_rows']} |",
        f"| registration POSTs answered otherwise (503, no answer) | {c['posts_unclear']} |",
        f"| … of them stored all the same (committed before the answer was lost) | "
        f"{c['unclear_with_row']} |",
        f"| registration rows of the run | {c['rows']:,} |",
        f"| rows without a confirmation mail / with several | "
        f"{c['row_without_mail']} / {c['row_with_several_mails']} |",
        f"| confirmation mails in the outbox | {c['mails']:,} ({statuses}) |",
        f"| taken by the SMTP server once / never / twice or more | "
        f"{c['received'] - c['received_twice']:,} / {c['not_received']} / {c['received_twice']} |",
        f"| mails at the SMTP server that are not in the outbox | {c['received_unknown']} |",
        f"| confirmation mails stored while the SMTP server was away / sent after it was back "
        f"| {c['smtp_waited']} / {c['smtp_waited_sent']} (the last {c['smtp_last_after']:.0f} s "
        "after) |",
        f"| task runs by status | {tasks} |",
        f"| … failed runs (each cut short by the database and run again) | {failed_tasks} |",
        "",
        "**" + ("Consistent: nothing lost, doubled or half-written." if c["consistent"]
               else "NOT consistent: see the table.") + "**",
        "",
        f"Whole run {totals['run_seconds']:.0f} s. Machine: "
        + ", ".join(f"{key} {value}" for key, value in machine_info().items()),
    ]  # fmt: skip
    write_section("fault_database", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
