"""Load run: the mixed traffic of a network office and a busy public event registration
(benchmarks/load/locustfile.py) against gunicorn with 3 workers and a background worker on
PostgreSQL, with a real SMTP server (aiosmtpd) receiving the confirmation mails.

Steps of rising numbers of simulated users (each waits 1-3 s between actions, as people do),
each for a fixed time; per step requests/s, median, p95 and errors. The figure is the highest
step held with p95 under 300 ms and no error. Afterwards every registration must have its
confirmation mail sent exactly once (the worker drains the outbox).

Usage: python benchmarks/bench_load.py [--steps 20,40,80,120] [--seconds 45]
Needs PostgreSQL (BENCH_PG_SERVER, default postgres://postgres@127.0.0.1:5432) and locust
(`pip install -e '.[bench]'`).
"""

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _gunicorn import free_port, start_gunicorn
from _machine import machine_info, write_section
from bench_lists import create_postgres_database, run

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "load" / "locustfile.py"
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = "innonet_bench_load"
P95_LIMIT_MS = 300

# Sessions for staff (with a verified second factor) and members, and the URLs the users visit.
SETUP = r"""
import json, sys, time
from datetime import timedelta
import django
django.setup()
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from urllib.parse import quote_plus
from innonet.accounts.models import User
from innonet.events.models import Event
from innonet.partners.models import Membership, Organisation

def session_for(user, second_factor):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if second_factor:
        session["account_authentication_methods"] = [
            {"method": "mfa", "at": time.time(), "type": "totp"}]
        session["account_authentication_methods_user"] = str(user.pk)
    session.create()
    return session.session_key

staff_sessions = []
for number in range(3):
    staff, created = User.objects.get_or_create(
        email=f"load-staff-{number}@example.org", defaults={"role": "staff"})
    if created:
        TOTP.activate(staff, generate_totp_secret())
    staff_sessions.append(session_for(staff, True))
# One account per member organisation, as in a network: each person has their own rate limits.
organisations_of_members = (
    Organisation.objects.filter(memberships__status="active").distinct().order_by("pk")[:40])
members = [
    User.objects.get_or_create(
        email=f"load-member-{organisation.pk}@example.org",
        defaults={"role": "member", "organisation": organisation})[0]
    for organisation in organisations_of_members]
event = (Event.objects.filter(status="published", visibility="public", starts_at__gt=timezone.now())
         .order_by("starts_at").first())
Event.objects.filter(pk=event.pk).update(
    capacity=None, registration_opens_at=None,
    registration_closes_at=None, ends_at=event.starts_at + timedelta(hours=4))
organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:200])
print(json.dumps({
    "staff_sessions": staff_sessions,
    "member_sessions": [session_for(member, False) for member in members],
    "event_url": f"/veranstaltungen/{event.pk}/",
    "register_url": f"/veranstaltungen/{event.pk}/anmelden/",
    "registrants_url": f"/veranstaltungen/{event.pk}/anmeldungen/",
    "organisation_urls": [f"/partners/{pk}/" for pk in organisations],
    "words": ["software", "institut", "daten", "gmbh", "energie", "hochschule"],
    "questions": [quote_plus(text) for text in
                  ("Sensorik für die Landwirtschaft", "KI in der Logistik", "Cybersicherheit")],
    "event": event.pk,
}))
"""

MAILS = r"""
import json, sys
import django
django.setup()
from innonet.core.models import OutgoingMail
from innonet.events.models import Registration
registrations = Registration.objects.filter(email__startswith="last-")
mails = OutgoingMail.objects.filter(to_address__startswith="last-")
print(json.dumps({
    "registrations": registrations.count(),
    "mails": mails.count(),
    "sent": mails.filter(status="sent").count(),
    "waiting": mails.filter(status__in=["queued", "sending"]).count(),
}))
"""


def environment(var_dir: str, smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innonet.settings",
        "PYTHONPATH": str(PROJECT_DIR / "src"),
        "VAR_DIR": var_dir,
        "HTTPS": "false",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{PG_SERVER}/{DATABASE}",
        "TASKS_BACKEND": "database",
        "TRUSTED_PROXIES": "1",  # registrants come from many addresses, as behind a proxy
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": "WARNING",
    }


def start_smtp(port: int, spool: Path) -> subprocess.Popen:
    """An SMTP server on `port` that takes every mail and writes one line per mail to `spool`:
    its Message-ID and recipients, tab-separated (so a mail taken twice shows twice)."""
    code = (
        "import asyncio, email, sys\n"
        "from aiosmtpd.controller import Controller\n"
        "class Sink:\n"
        "    async def handle_DATA(self, server, session, envelope):\n"
        "        message_id = email.message_from_bytes(envelope.content)['Message-ID']\n"
        "        with open(sys.argv[2], 'a') as spool:\n"
        "            spool.write(f'{message_id}\\t{\",\".join(envelope.rcpt_tos)}\\n')\n"
        "        return '250 OK'\n"
        "Controller(Sink(), hostname='127.0.0.1', port=int(sys.argv[1])).start()\n"
        "asyncio.get_event_loop().run_forever()\n"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(port), str(spool)])


def warm_up(base_url: str, setup: dict) -> None:
    """One request to each page first: each worker process loads code and the matching index
    on its first request, which is not the traffic being measured."""
    paths = [
        "/", "/partners/", "/projekte/", "/vermittlungen/", "/kooperation/", setup["event_url"],
        setup["registrants_url"], "/api/organisations/", f"/abgleich/?q={setup['questions'][0]}",
    ]  # fmt: skip
    for _round in range(3):  # gunicorn hands requests to any of its workers
        for path in paths:
            cookie = {"Cookie": f"sessionid={setup['staff_sessions'][0]}"}
            request = urllib.request.Request(base_url + path, headers=cookie)  # noqa: S310
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310  # nosec B310 - loopback
                response.read()


def run_step(users: int, seconds: int, base_url: str, setup: dict, out: Path) -> dict:
    prefix = out / f"step-{users}"
    env = {**os.environ, "LOAD_SETUP": json.dumps({**setup, "base_url": base_url})}
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", base_url,
         "-u", str(users), "-r", str(max(1, users // 5)), "-t", f"{seconds}s",
         "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10"],
        env=env, capture_output=True, text=True, check=False, timeout=seconds + 120,
    )  # fmt: skip
    with open(f"{prefix}_failures.csv") as failures:
        for row in list(csv.DictReader(failures))[:5]:
            print(f"  failed {row['Occurrences']}x {row['Method']} {row['Name']}: {row['Error']}")
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    per_name = {
        name: {"p95": float(row["95%"]), "requests": int(row["Request Count"]),
               "failures": int(row["Failure Count"])}
        for name, row in rows.items() if name != "Aggregated"
    }  # fmt: skip
    return {
        "users": users,
        "per_second": float(total["Requests/s"]),
        "median": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "per_name": per_name,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="20,40,80,120")
    parser.add_argument("--seconds", type=int, default=45)
    args = parser.parse_args()
    steps = [int(value) for value in args.steps.split(",")]
    with tempfile.TemporaryDirectory() as var_dir:
        out = Path(var_dir)
        smtp_port, port = free_port(), free_port()
        smtp = start_smtp(smtp_port, out / "spool")
        env = environment(var_dir, smtp_port)
        create_postgres_database(DATABASE, drop=True)
        run(env, "migrate", "--noinput")
        run(env, "createcachetable")
        run(env, "collectstatic", "--noinput", "--verbosity", "0")
        run(env, "demo")
        run(env, "matching_index")  # built before the run, as `innonet serve` does on start
        setup = json.loads(run(env, code=SETUP))
        server = start_gunicorn(env, port, "--workers", "3", "--worker-class", "sync")
        worker = subprocess.Popen(
            [sys.executable, "-m", "django", "db_worker"], cwd=PROJECT_DIR, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        results = []
        try:
            warm_up(f"http://127.0.0.1:{port}", setup)
            for users in steps:
                print(f"{users} users ...", flush=True)
                result = run_step(users, args.seconds, f"http://127.0.0.1:{port}", setup, out)
                results.append(result)
                print(
                    f"  {result['per_second']:.1f} req/s, median {result['median']:.0f} ms, "
                    f"p95 {result['p95']:.0f} ms, errors {result['errors']}",
                    flush=True,
                )
            deadline = time.monotonic() + 300
            while True:
                mails = json.loads(run(env, code=MAILS))
                if mails["waiting"] == 0 or time.monotonic() > deadline:
                    break
                time.sleep(3)
            spool = out / "spool"
            delivered = len(spool.read_text().splitlines()) if spool.exists() else 0
        finally:
            server.terminate()
            worker.terminate()
            server.wait(30)
            worker.wait(60)
            smtp.terminate()
    write(results, mails, delivered, args.seconds)
    return 0


def write(results: list[dict], mails: dict, delivered: int, seconds: int) -> None:
    held = [r for r in results if r["p95"] < P95_LIMIT_MS and r["errors"] == 0]
    best = max(held, key=lambda r: r["per_second"]) if held else None
    lines = [
        "## Load: a network office and a busy event registration (bench_load.py)",
        "",
        "locust against gunicorn with 3 sync workers, one background worker and PostgreSQL, "
        "with the demo network; a real SMTP server takes the confirmation mails. Users: office "
        "staff (registry, search, registrants, projects, API; weight 1), members (start page, "
        "events, profiles, matching questions; weight 2) and the public registering for one "
        "event (each from its own address through a trusted proxy; weight 4), each waiting "
        f"1-3 s between actions; {seconds} s per step. Client, server, worker and database share "
        "the machine's two cores.",
        "",
        "| users | requests | req/s | median ms | p95 ms | p99 ms | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['users']} | {r['requests']} | {r['per_second']:.1f} | {r['median']:.0f} | "
            f"{r['p95']:.0f} | {r['p99']:.0f} | {r['errors']} |"
        )
    lines.append("")
    if best:
        lines.append(
            f"**Held: {best['per_second']:.1f} requests/s with p95 {best['p95']:.0f} ms and no "
            f"error ({best['users']} users).**"
        )
    else:
        lines.append(f"No step held p95 under {P95_LIMIT_MS} ms without errors.")
    slowest = max(results[-1]["per_name"].items(), key=lambda item: item[1]["p95"])
    lines += [
        f"At the last step the slowest kind of request was `{slowest[0]}` "
        f"(p95 {slowest[1]['p95']:.0f} ms).",
        "",
        f"Registrations during the run: {mails['registrations']:,}; confirmation mails stored: "
        f"{mails['mails']:,}, sent: {mails['sent']:,}, still waiting at the end: "
        f"{mails['waiting']:,}; received by the SMTP server: {delivered:,}.",
        "",
        "Machine: " + ", ".join(f"{key} {value}" for key, value in machine_info().items()),
    ]
    write_section("bench_load", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
