"""Plumbing the page benchmarks share: run Django commands and scripts in child processes
against a throw-away database, time pages in-process, and run a benchmark on SQLite and (with
BENCH_DATABASE_URL) on PostgreSQL before writing its section of docs/benchmarks.md."""

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _machine import machine_info, write_section

PROJECT_DIR = Path(__file__).resolve().parent.parent
TIMEOUT = 3600

# Prelude for MEASURE scripts: a signed-in staff client `office` (with a verified second
# factor, as staff need) and `timed(label, client, url, repeats)`, which returns median/p95 ms.
CLIENTS = r"""
import json, statistics, sys, time
import django
django.setup()
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from innonet.accounts.models import User

def staff_client(email):
    staff = User.objects.create(email=email, role="staff")
    TOTP.activate(staff, generate_totp_secret())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "mfa", "at": time.time(), "type": "totp"}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    return staff, client

def timed(client, url, repeats):
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code, first.get("Location"))
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {"url": url, "median": statistics.median(times),
            "p95": times[int(len(times) * 0.95) - 1]}
"""


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """`python -m django ARGS` in the project; stops the benchmark with the output on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT,
    )  # fmt: skip
    if result.returncode != 0:
        output = result.stdout[-1500:] + result.stderr[-1500:]
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return result


def script(env: dict[str, str], code: str, *args: str) -> str:
    """Run `code` in a child Python; returns its last line of output."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"script failed:\n{result.stdout[-1500:]}{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def prepare(env: dict[str, str], *demo_args: str) -> None:
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    manage(env, "demo", *demo_args)


def page_table(results: dict[str, dict]) -> list[str]:
    lines = ["| page | URL | median ms | p95 ms |", "| --- | --- | ---: | ---: |"]
    for label, row in results.items():
        lines.append(f"| {label} | `{row['url']}` | {row['median']:.1f} | {row['p95']:.1f} |")
    return lines


def measure_pages(env: dict[str, str], code: str, *args: str) -> dict[str, dict]:
    return json.loads(script(env, CLIENTS + code, *args))


def on_each_database(
    section: str, heading: list[str], bench: Callable[[str, dict[str, str]], list[str]]
) -> int:
    """Run `bench(label, env)` on SQLite and, with BENCH_DATABASE_URL, on PostgreSQL; write
    the heading, both results and the machine into the section `section`."""
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "innonet.settings", "HTTPS": "false"}
    base["PYTHONPATH"] = str(PROJECT_DIR / "src")
    base["DEBUG"] = "false"
    lines = list(heading)
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**base, "VAR_DIR": var_dir, "TASKS_BACKEND": "immediate"}
        env.pop("DATABASE_URL", None)
        lines += bench("SQLite", env)
    pg_url = os.environ.get("BENCH_DATABASE_URL")
    if pg_url:
        with tempfile.TemporaryDirectory() as var_dir:
            env = {**base, "VAR_DIR": var_dir, "DATABASE_URL": pg_url, "TASKS_BACKEND": "immediate"}
            env.setdefault(
                "SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuv"
            )
            lines += bench("PostgreSQL", env)
    info = machine_info()
    lines.append("Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    write_section(section, "\n".join(lines))
    return 0
