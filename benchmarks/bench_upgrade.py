"""An upgrade, measured: the previous release's code builds a database of 10,000 organisations
(about 100,000 people, five years of activity), a copy of it is migrated by this code, and the
site must answer afterwards. Target: the migration finishes in under 5 minutes.

The previous release is a git revision (`--from`, default below); its code is taken with
`git archive` into a temporary folder and run with this virtual environment. The database
built by the old code is kept (PostgreSQL `innonet_upgrade_<rev>_<scale>`, SQLite under
var/bench/), so a repeated run only copies and migrates.

Usage: python benchmarks/bench_upgrade.py [--from REV] [--scale 10000] [--databases postgres,sqlite]
"""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from _machine import machine_info, write_section
from bench_lists import create_postgres_database

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "var" / "bench"
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
# The last release before the lists and operations work (search indexes, sort indexes, the
# unlogged cache table, the index change record, the access log); see docs/operations.md.
PREVIOUS_RELEASE = "6046a7c"
LIMIT_SECONDS = 300

AFTER = r"""
import json
import django
django.setup()
from django.test import Client
from innonet.partners.models import Organisation, Person
client = Client(HTTP_HOST="127.0.0.1")
pages = {path: client.get(path).status_code for path in ("/", "/veranstaltungen/", "/healthz")}
print(json.dumps({"organisations": Organisation.objects.count(),
                  "people": Person.objects.count(), "pages": pages}))
"""


def run(env: dict[str, str], *args: str, code: str | None = None) -> tuple[str, float]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "django", *args]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False,
        timeout=7200,
    )  # fmt: skip
    seconds = time.monotonic() - started
    if result.returncode != 0:
        output = result.stdout[-2000:] + result.stderr[-3000:]
        raise SystemExit(f"{args or 'script'} failed:\n{output}")
    return result.stdout, seconds


def old_code(revision: str, folder: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src"],  # noqa: S607
        cwd=PROJECT_DIR, capture_output=True, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def environment(source: Path, var_dir: Path, database_url: str | None) -> dict[str, str]:
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innonet.settings",
        "PYTHONPATH": str(source),
        "VAR_DIR": str(var_dir),
        "HTTPS": "false",
        "DEBUG": "false",
        "SECRET_KEY": "upgrade-benchmark-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "TASKS_BACKEND": "immediate",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def upgrade(database: str, revision: str, scale: int, old_source: Path, work: Path) -> dict:
    name = f"innonet_upgrade_{revision}_{scale}"
    kept = DATA_DIR / f"upgrade-{database}-{revision}-{scale}"
    if database == "postgres":
        create_postgres_database(name, drop=False)
        old_env = environment(old_source, kept, f"{PG_SERVER}/{name}")
    else:
        old_env = environment(old_source, kept, None)
    counts, _seconds = run(old_env, code=COUNTS)
    built = None
    if json.loads(counts.strip().splitlines()[-1])["organisations"] == 0:
        run(old_env, "migrate", "--noinput")
        run(old_env, "createcachetable")
        _out, built = run(old_env, "demo", "--scale", str(scale), "--activity-years", "5")
    # The copy that is upgraded.
    copy_dir = work / f"copy-{database}"
    if database == "postgres":
        create_postgres_database(f"{name}_copy", drop=True)
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}_copy" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}_copy" TEMPLATE "{name}"')
        new_env = environment(PROJECT_DIR / "src", copy_dir, f"{PG_SERVER}/{name}_copy")
    else:
        copy_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(kept / "innonet.sqlite3", copy_dir / "innonet.sqlite3")
        new_env = environment(PROJECT_DIR / "src", copy_dir, None)
    plan, _seconds = run(new_env, "migrate", "--plan")
    _out, migrated = run(new_env, "migrate", "--noinput")
    _out, cache_table = run(new_env, "createcachetable")
    run(new_env, "collectstatic", "--noinput", "--verbosity", "0")
    after, _seconds = run(new_env, code=AFTER)
    return {
        "built": built,
        "plan": [line for line in plan.splitlines() if "." in line and not line.startswith(" ")],
        "migrate": migrated,
        "createcachetable": cache_table,
        "after": json.loads(after.strip().splitlines()[-1]),
    }


COUNTS = """
import json
import django
django.setup()
from innonet.partners.models import Organisation
try:
    print(json.dumps({"organisations": Organisation.objects.count()}))
except Exception:
    print(json.dumps({"organisations": 0}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="revision", default=PREVIOUS_RELEASE)
    parser.add_argument("--scale", type=int, default=10000)
    parser.add_argument("--databases", default="postgres,sqlite")
    args = parser.parse_args()
    lines = [
        "## Upgrade from the previous release (bench_upgrade.py)",
        "",
        f"The code of `{args.revision}` built a database with `innonet demo --scale "
        f"{args.scale:,} --activity-years 5`; this code migrated a copy of it "
        f"(`innonet migrate`, then `createcachetable`), then answered pages. Target: under "
        f"{LIMIT_SECONDS // 60} minutes.",
        "",
        "| database | organisations / people | migrations applied | migrate s "
        "| createcachetable s | pages after |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        old_source = old_code(args.revision, work / "old")
        for database in args.databases.split(","):
            print(f"{database} ...", flush=True)
            result = upgrade(database, args.revision, args.scale, old_source, work)
            after = result["after"]
            pages = ", ".join(f"`{path}` {status}" for path, status in after["pages"].items())
            lines.append(
                f"| {'PostgreSQL' if database == 'postgres' else 'SQLite'} | "
                f"{after['organisations']:,} / {after['people']:,} | {len(result['plan'])} | "
                f"{result['migrate']:.1f} | {result['createcachetable']:.1f} | {pages} |"
            )
            print(lines[-1], flush=True)
            applied = ", ".join(line.split()[0] for line in result["plan"])
            notes = f"Migrations applied on {database}: {applied or 'none'}."
    machine = ", ".join(f"{key} {value}" for key, value in machine_info().items())
    lines += ["", notes, "", f"Machine: {machine}"]
    write_section("bench_upgrade", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
