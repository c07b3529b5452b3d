"""Registry at scale: list, search and detail pages on 10,000 organisations / ~100,000 people,
and an import of 50,000 people, on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set).

Server-side timings: requests go through the whole Django stack in-process (middleware,
permissions, templates), without network or a second process competing for the two cores.
Usage: python benchmarks/bench_registry.py [--scale 10000] [--people 50000]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import machine_info, write_section

PROJECT_DIR = Path(__file__).resolve().parent.parent
REQUESTS_PER_PAGE = 40

MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from innonet.accounts.models import User
from innonet.partners.models import Organisation

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

staff = User.objects.create(email="bench@example.org", role="staff")
TOTP.activate(staff, generate_totp_secret())
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(staff)
session = client.session
session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
session["account_authentication_methods_user"] = str(staff.pk)
session.save()
busiest = Organisation.objects.order_by("-employees").first()
middle_page = max(1, Organisation.objects.count() // 25 // 2)
pages = {
    "organisation list": "/partners/",
    "list, filtered search": "/partners/?q=osnabrueck+daten&kind=sme",
    "list, middle page, sorted by district": f"/partners/?sort=district&page={middle_page}",
    "organisation detail": f"/partners/{busiest.pk}/",
    "people list, search": "/partners/personen/?q=mueller",
}
results = {}
for label, url in pages.items():
    first = client.get(url)
    assert first.status_code == 200, (url, first.status_code, first.get("Location"))
    times = []
    for _ in range(int(sys.argv[1])):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    results[label] = {
        "url": url,
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
    }
print(json.dumps(results))
"""


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} failed:\n{result.stdout[-1500:]}{result.stderr[-1500:]}"
        )
    return result


def people_csv(path: Path, rows: int, organisations: list[str]) -> None:
    """A semicolon-separated Windows-1252 file, as offices export it from spreadsheets."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Nachname", "Vorname", "E-Mail", "Organisation", "Position"])
        for n in range(rows):
            organisation = organisations[n % len(organisations)]
            email = f"person{n}@import.example"
            writer.writerow([f"Müller-{n}", "Jörg", email, organisation, "Entwicklung"])


IMPORT = r"""
import resource, sys, time
import django
django.setup()
from django.core.management import call_command
started = time.monotonic()
call_command("import_registry", sys.argv[1], "--kind", "people")
print("SECONDS", time.monotonic() - started)
print("MAXRSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def import_people(env: dict[str, str], path: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of the import, in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT, str(path)],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"import failed:\n{result.stdout[-1500:]}{result.stderr[-1500:]}")
    values = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("SECONDS", "MAXRSS_KB"):
            values[key] = value
    return float(values["SECONDS"]), float(values["MAXRSS_KB"]) / 1024


def bench(database: str, env: dict[str, str], scale: int, people: int) -> list[str]:
    started = time.monotonic()
    run(env, "migrate", "--noinput")
    run(env, "createcachetable")
    run(env, "collectstatic", "--noinput")
    run(env, "demo", "--scale", str(scale))
    build = time.monotonic() - started
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(REQUESTS_PER_PAGE)],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"measuring failed:\n{out.stderr[-3000:]}")
    results = json.loads(out.stdout.strip().splitlines()[-1])
    script = (
        "from innonet.partners.models import Organisation as O;"
        "print('\\n'.join(O.objects.values_list('name', flat=True)[:500]))"
    )
    names = run(env, "shell", "--no-imports", "-c", script)
    organisations = [line for line in names.stdout.splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "personen.csv"
        people_csv(path, people, organisations)
        seconds, peak_mb = import_people(env, path)
    lines = [f"### {database}", ""]
    lines.append(f"Data: `innonet demo --scale {scale}` built in {build:.0f} s.")
    lines += ["", "| page | URL | median ms | p95 ms |", "| --- | --- | ---: | ---: |"]
    for label, row in results.items():
        lines.append(f"| {label} | `{row['url']}` | {row['median']:.1f} | {row['p95']:.1f} |")
    lines += ["", f"Import of {people:,} people (CSV, `;`, Windows-1252): {seconds:.1f} s, "
              f"peak resident memory {peak_mb:.0f} MB.", ""]  # fmt: skip
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=50_000)
    options = parser.parse_args()
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "innonet.settings", "HTTPS": "false"}
    base["PYTHONPATH"] = str(PROJECT_DIR / "src")
    sections = ["## Registry at scale (bench_registry.py)", ""]
    sections.append(
        f"In-process requests through the full Django stack as a signed-in staff user, "
        f"{REQUESTS_PER_PAGE} requests per page after one warm-up; the import runs "
        "`innonet import_registry` in its own process (one transaction, all or nothing)."
    )
    sections.append("")
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**base, "VAR_DIR": var_dir, "TASKS_BACKEND": "immediate"}
        env.pop("DATABASE_URL", None)
        sections += bench("SQLite", env, options.scale, options.people)
    pg_url = os.environ.get("BENCH_DATABASE_URL")
    if pg_url:
        with tempfile.TemporaryDirectory() as var_dir:
            env = {**base, "VAR_DIR": var_dir, "DATABASE_URL": pg_url, "TASKS_BACKEND": "immediate"}
            env.setdefault(
                "SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuv"
            )
            sections += bench("PostgreSQL", env, options.scale, options.people)
    info = machine_info()
    sections.append("Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    write_section("bench_registry", "\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
