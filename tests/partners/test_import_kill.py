"""A `kill -9` in the middle of an import leaves no partial rows (RELIABILITY item 16).

The import runs as its own process against a real database file (SQLite) or the test database
(PostgreSQL); it is killed while it is writing, then the people table must be as before."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from innonet.core.collation import COLLATION, german_compare
from innonet.partners.models import Person

ROWS = 20_000
PROJECT = Path(__file__).resolve().parents[2]


def people_file(path: Path) -> Path:
    lines = ["Nachname;Vorname;E-Mail"]
    lines += [f"Abbruch-{n};Test;abbruch{n}@example.org" for n in range(ROWS)]
    path.write_text("\n".join(lines), encoding="cp1252")
    return path


def innonet(env: dict[str, str], *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "django", *args],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs,
    )  # fmt: skip


def kill_while_writing(env: dict[str, str], csv_path: Path) -> None:
    process = innonet(env, "import_registry", str(csv_path), "--kind", "people")
    seen = b""
    try:
        while b"writing" not in seen:
            chunk = process.stderr.read1(4096)
            if not chunk:
                pytest.fail(f"the import ended before writing: {seen[-500:]!r}")
            seen += chunk
        # A few progress updates later the transaction holds thousands of rows.
        while seen.count(b"writing") < 3:
            seen += process.stderr.read1(4096)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def base_env() -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "innonet.settings", "HTTPS": "false"}
    env["PYTHONPATH"] = str(PROJECT / "src")
    env["TASKS_BACKEND"] = "immediate"
    return env


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant")
def test_kill_during_import_leaves_sqlite_unchanged(tmp_path):
    env = {**base_env(), "VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput"],
        cwd=PROJECT, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    kill_while_writing(env, people_file(tmp_path / "people.csv"))
    with sqlite3.connect(tmp_path / "innonet.sqlite3") as db:
        # The integrity check re-runs CHECK constraints, one of which uses Django's REGEXP,
        # and reads the name indexes in the German collation.
        db.create_function("REGEXP", 2, lambda pattern, value: bool(re.search(pattern, value)))
        db.create_collation(COLLATION, german_compare)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM partners_person").fetchone() == (0,)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL variant")
@pytest.mark.django_db(transaction=True)
def test_kill_during_import_leaves_postgresql_unchanged(tmp_path):
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {**base_env(), "DATABASE_URL": url, "VAR_DIR": str(tmp_path)}
    kill_while_writing(env, people_file(tmp_path / "people.csv"))
    assert Person.objects.count() == 0
