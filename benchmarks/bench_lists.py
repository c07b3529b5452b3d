"""List and search pages over HTTP as the registry grows: gunicorn with 2 sync workers, a
signed-in staff user, on SQLite and PostgreSQL, at 1,000 / 10,000 / 50,000 organisations (about
ten people each, five years of events, registrations and projects).

Per URL: 3 warm-up requests, 20 sequential ones (median and p95), then 4 client threads x 40
requests (p95 and requests/s under concurrency). Afterwards the resident memory of each worker.

Databases are built once per scale and kept (SQLite under var/bench/, PostgreSQL databases
`innonet_bench_<scale>`), so a repeated run only migrates and measures; `--rebuild` starts over.

Usage: python benchmarks/bench_lists.py [--scales 1000,10000,50000] [--databases sqlite,postgres]
"""

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _gunicorn import free_port, start_gunicorn
from _machine import machine_info, write_section

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "var" / "bench"
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
WARM_UP, SEQUENTIAL, THREADS, PER_THREAD = 3, 20, 4, 40
WORKERS = 2
SECRET = secrets.token_urlsafe(50)  # one per run: the sign-in script and the server share it

# Prints the session key of a staff user with a verified second factor, and the ids the URLs need.
SIGN_IN = r"""
import json, time
import django
django.setup()
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from innonet.accounts.models import User
from innonet.events.models import Event

staff, created = User.objects.get_or_create(
    email="bench-lists@example.org", defaults={"role": "staff"}
)
if created:
    TOTP.activate(staff, generate_totp_secret())
session = SessionStore()
session[SESSION_KEY] = str(staff.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = staff.get_session_auth_hash()
session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
session["account_authentication_methods_user"] = str(staff.pk)
session.create()
busiest = Event.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()
print(json.dumps({"session": session.session_key, "event": busiest.pk}))
"""

COUNTS = r"""
import json
import django
django.setup()
from innonet.partners.models import Organisation, Person
print(json.dumps({"organisations": Organisation.objects.count(), "people": Person.objects.count()}))
"""


def urls(event: int) -> list[tuple[str, str]]:
    return [
        ("organisation list", "/partners/"),
        ("organisation search", "/partners/?q=mueller"),
        ("people list", "/partners/personen/"),
        ("people search", "/partners/personen/?q=mueller"),
        ("event list", "/veranstaltungen/"),
        ("registrants", f"/veranstaltungen/{event}/anmeldungen/"),
        ("project list", "/projekte/"),
        ("API organisations", "/api/organisations/"),
        ("API people", "/api/people/"),
        ("API people search", "/api/people/?q=mueller"),
        ("API registrations", "/api/registrations/"),
    ]


def run(env: dict[str, str], *args: str, code: str | None = None) -> str:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "django", *args]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False,
        timeout=7200,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(
            f"{args or 'script'} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def environment(database: str, scale: int) -> dict[str, str]:
    var_dir = DATA_DIR / f"{database}-{scale}"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innonet.settings",
        "PYTHONPATH": str(PROJECT_DIR / "src"),
        "VAR_DIR": str(var_dir),
        "HTTPS": "false",
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "TASKS_BACKEND": "immediate",
        "API_RATE_USER": "1000000/min",
    }
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        env["DATABASE_URL"] = f"{PG_SERVER}/innonet_bench_{scale}"
    return env


def create_postgres_database(name: str, *, drop: bool) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if exists and drop:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or drop:
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_database(database: str, scale: int, env: dict[str, str], rebuild: bool) -> str:
    """Migrate (always: new migrations run on the big data too) and build the data once."""
    if database == "postgres":
        create_postgres_database(f"innonet_bench_{scale}", drop=rebuild)
    elif rebuild:
        (Path(env["VAR_DIR"]) / "innonet.sqlite3").unlink(missing_ok=True)
    started = time.monotonic()
    run(env, "migrate", "--noinput")
    run(env, "createcachetable")
    run(env, "collectstatic", "--noinput", "--verbosity", "0")
    migrated = time.monotonic() - started
    counts = json.loads(run(env, code=COUNTS))
    if counts["organisations"] == 0:
        started = time.monotonic()
        run(env, "demo", "--scale", str(scale), "--activity-years", "5")
        counts = json.loads(run(env, code=COUNTS))
        return (
            f"{counts['organisations']:,} organisations, {counts['people']:,} people, built in "
            f"{time.monotonic() - started:.0f} s"
        )
    return (
        f"{counts['organisations']:,} organisations, {counts['people']:,} people (kept from an "
        f"earlier run; migrate and collectstatic took {migrated:.0f} s)"
    )


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    return start_gunicorn(env, port, "--workers", str(WORKERS), "--worker-class", "sync")


def request(port: int, path: str, session: str) -> tuple[float, int]:
    # A sync worker serves one connection at a time and closes it: a new connection each time.
    accept = "application/json" if path.startswith("/api/") else "text/html"
    headers = {"Accept": accept, "Accept-Language": "de", "Cookie": f"sessionid={session}"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000, status


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


def measure(port: int, path: str, session: str) -> dict[str, float]:
    # Each warm-up round sends one request per worker at the same time, so both workers have
    # served the URL before the timed requests (one at a time, a worker that had not would
    # show its first request, with its templates still to compile, as an outlier in the p95).
    with ThreadPoolExecutor(WORKERS) as pool:
        for _ in range(WARM_UP):
            list(pool.map(lambda _: request(port, path, session), range(WORKERS)))
    sequential = [request(port, path, session) for _ in range(SEQUENTIAL)]
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        parallel = list(
            pool.map(lambda _: request(port, path, session), range(THREADS * PER_THREAD))
        )
    elapsed = time.perf_counter() - started
    times = [ms for ms, _status in sequential]
    return {
        "median": statistics.median(times),
        "p95": p95(times),
        "parallel_p95": p95([ms for ms, _status in parallel]),
        "per_second": len(parallel) / elapsed,
        "errors": sum(1 for _ms, status in sequential + parallel if status != 200),
    }


def worker_memory(server: subprocess.Popen) -> list[float]:
    """Resident memory (MB) of the server's worker processes."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes.append(int(line.split()[1]) / 1024)
    return sizes


def bench_one(database: str, scale: int, rebuild: bool) -> tuple[str, dict, list[float]]:
    env = environment(database, scale)
    data = ensure_database(database, scale, env, rebuild)
    ids = json.loads(run(env, code=SIGN_IN))
    port = free_port()
    server = start_server(env, port)
    try:
        results = {
            label: {"url": path, **measure(port, path, ids["session"])}
            for label, path in urls(ids["event"])
        }
        memory = worker_memory(server)
    finally:
        server.terminate()
        server.wait(30)
    return data, results, memory


def table(rows: dict[int, dict[str, dict]]) -> list[str]:
    scales = sorted(rows)
    head = " | ".join(f"p95 ms at {scale:,}" for scale in scales)
    lines = [
        f"| list | URL | {head} | growth | median ms at {scales[-1]:,} "
        f"| 4 threads: p95 ms / req/s at {scales[-1]:,} | errors |",
        "| --- | --- |" + " ---: |" * (len(scales) + 4),
    ]
    for label, first in rows[scales[0]].items():
        last = rows[scales[-1]][label]
        cells = " | ".join(f"{rows[scale][label]['p95']:.1f}" for scale in scales)
        growth = last["p95"] / first["p95"]
        errors = sum(rows[scale][label]["errors"] for scale in scales)
        lines.append(
            f"| {label} | `{first['url']}` | {cells} | {growth:.2f}x | {last['median']:.1f} | "
            f"{last['parallel_p95']:.1f} / {last['per_second']:.0f} | {errors} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1000,10000,50000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--rebuild", action="store_true", help="build the data again")
    args = parser.parse_args()
    scales = [int(value) for value in args.scales.split(",")]
    write_section(
        "bench_lists",
        "## Lists and search at scale (bench_lists.py)\n\n"
        f"gunicorn with {WORKERS} sync workers, DEBUG off, a signed-in staff user; per URL "
        f"{WARM_UP} warm-up rounds of one request per worker at once, then {SEQUENTIAL} "
        f"sequential requests (median, p95), then {THREADS} client "
        f"threads x {PER_THREAD} requests. Data: `innonet demo --scale N --activity-years 5`. "
        "Targets: p95 under 25 ms at 10,000 organisations and under 35 ms at 50,000. "
        "Registrants: the event with the most registrations at each scale (the URL shown is "
        "the first scale's). Client and server share the machine's two cores. Each database "
        "has its own table below, written when `--databases` includes it.",
    )
    for database in args.databases.split(","):
        rows, notes, memory = {}, [], {}
        for scale in scales:
            print(f"{database} {scale:,} ...", flush=True)
            data, rows[scale], memory[scale] = bench_one(database, scale, args.rebuild)
            notes.append(f"- {scale:,}: {data}")
            for label, row in rows[scale].items():
                print(
                    f"  {label:22} p95 {row['p95']:6.1f} ms  "
                    f"4 threads p95 {row['parallel_p95']:6.1f} ms  errors {row['errors']}",
                    flush=True,
                )
        lines = [
            f"### Lists on {'PostgreSQL' if database == 'postgres' else 'SQLite'}",
            "",
            *table(rows),
            "",
            "Data:",
            *notes,
            "",
            "Resident memory per worker after the run: "
            + "; ".join(
                f"{scale:,}: " + ", ".join(f"{mb:.0f} MB" for mb in memory[scale])
                for scale in scales
            ),
            "",
            "Machine: " + ", ".join(f"{key} {value}" for key, value in machine_info().items()),
        ]
        write_section(f"bench_lists_{database}", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
