"""`innonet backup` / `innonet restore`: a round trip gives back exactly the same rows."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from innonet.core.backups import table_counts
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PROJECT_DIR = Path(__file__).resolve().parents[2]


def make_data() -> None:
    for role in ("staff", "board", "member", "member"):
        UserFactory(role=role)
    OrganisationFactory.create_batch(5)


def test_round_trip_restores_identical_row_counts(tmp_path, capsys):
    make_data()
    before = table_counts()
    assert sum(before.values()) > 0
    target = tmp_path / "innonet.backup"

    call_command("backup", str(target))
    out = capsys.readouterr().out
    assert f"{len(before)} tables, {sum(before.values())} rows" in out
    assert target.is_file()
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind

    # Change the data after the backup: the restore must undo all of it.
    UserFactory.create_batch(3)
    from innonet.partners.models import Organisation

    Organisation.objects.filter(users__isnull=True).first().delete()
    assert table_counts() != before

    call_command("restore", str(target), "--yes")
    assert table_counts() == before
    assert "Restored" in capsys.readouterr().out
    call_command("check", databases=["default"])
    call_command("migrate", check=True, verbosity=0)  # exits non-zero if migrations are missing


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backups are plain database files")
def test_sqlite_backup_is_a_working_database_on_its_own(tmp_path):
    make_data()
    target = tmp_path / "copy.sqlite3"
    call_command("backup", str(target))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{target}",
        "SECRET_KEY": "x" * 60,
        "VAR_DIR": str(tmp_path / "var"),
    }
    for args in (["check", "--database", "default"], ["migrate", "--check"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr


def test_restore_of_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "nothing.backup"), "--yes")


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(tmp_path):
    make_data()
    before = table_counts()
    junk = tmp_path / "notes.backup"
    junk.write_text("SELECT 1; -- not a backup\n")
    with pytest.raises(CommandError, match=r"is not an? .*backup"):
        call_command("restore", str(junk), "--yes")
    assert table_counts() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite reads foreign db files")
def test_restore_of_a_foreign_sqlite_file_is_refused(tmp_path):
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CommandError, match="not an innonet database"):
        call_command("restore", str(foreign), "--yes")


def test_restore_asks_first_and_no_means_nothing_changes(tmp_path, monkeypatch):
    make_data()
    target = tmp_path / "b.backup"
    call_command("backup", str(target))
    UserFactory()
    after = table_counts()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(target))
    assert table_counts() == after


def test_backup_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "missing" / "b.backup"))
    assert not (tmp_path / "missing").exists()
