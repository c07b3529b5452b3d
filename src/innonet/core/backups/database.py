"""The database part of a backup: SQLite's online backup API, or pg_dump/pg_restore."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

# The SQL functions Django adds to its SQLite connections (REGEXP, ...): CHECK constraints that
# migrations wrote with them must evaluate the same in the integrity check of a backup file.
from django.db.backends.sqlite3._functions import register as register_sqlite_functions
from django.utils.translation import gettext

from innonet.core.collation import COLLATION, german_compare

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore could not be made; the message says why in plain words."""


def dump(target: Path, *, using: str = "default") -> dict[str, int]:
    """Write a consistent copy of the database `using` to the new file `target`; return the
    rows per table it holds."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        _sqlite_backup(connection, target)
        return _sqlite_file_counts(target)
    if connection.vendor == "postgresql":
        counts = table_counts(using)
        _run(["pg_dump", "--format=custom", f"--file={target}", *_pg_args(connection)], connection)
        return counts
    raise BackupError(
        gettext("Backups of %(vendor)s databases are not supported.")
        % {"vendor": connection.vendor}
    )


def check(path: Path, *, using: str = "default") -> None:
    """Refuse a dump that is not of this database's kind or not an innonet database."""
    vendor = connections[using].vendor
    if vendor == "sqlite":
        _check_sqlite_backup(path)
    elif vendor == "postgresql":
        if not starts_with(path, PG_DUMP_MAGIC):
            raise BackupError(
                gettext("%(path)s is not a PostgreSQL backup made by `innonet backup`.")
                % {"path": path}
            )
    else:
        raise BackupError(
            gettext("Restoring %(vendor)s databases is not supported.") % {"vendor": vendor}
        )


def load(path: Path, *, using: str = "default") -> None:
    """Replace the contents of the database `using` with the checked dump at `path`; a
    failure changes nothing (one transaction, or SQLite's backup API)."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, path)
        return
    connections.close_all()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *_pg_args(connection),
            str(path),
        ],
        connection,
    )


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows per table of the live database, for summaries and round-trip checks."""
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            # Table names come from the catalogue, not from input, and are quoted.
            sql = f"SELECT COUNT(*) FROM {quote(name)}"  # noqa: S608  # nosec B608
            cursor.execute(sql)
            counts[name] = cursor.fetchone()[0]
    return counts


# SQLite ----------------------------------------------------------------------------------------
def _raw_sqlite(connection: Any) -> sqlite3.Connection:
    """Django's own sqlite3 connection: works for files and the in-memory test database."""
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError(gettext("Backup and restore cannot run inside a transaction."))
    return connection.connection


def _open_sqlite(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if readonly else sqlite3.connect(path)
    register_sqlite_functions(db)
    # The name-order indexes use the German collation: checking them needs it.
    db.create_collation(COLLATION, german_compare)
    return db


def _sqlite_backup(connection: Any, target: Path) -> None:
    destination = _open_sqlite(target)
    try:
        _raw_sqlite(connection).backup(destination)
        # One self-contained file, whatever journal mode the live database uses.
        destination.execute("PRAGMA journal_mode=DELETE")
        if destination.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(gettext("The backup copy failed its integrity check."))
    except sqlite3.Error as exc:
        raise BackupError(gettext("The SQLite backup failed: %(error)s") % {"error": exc}) from exc
    finally:
        destination.close()


def _check_sqlite_backup(path: Path) -> None:
    if not starts_with(path, SQLITE_MAGIC):
        raise BackupError(
            gettext("%(path)s is not an SQLite backup made by `innonet backup`.") % {"path": path}
        )
    try:
        source = _open_sqlite(path, readonly=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(
                    gettext("%(path)s is damaged (integrity check failed).") % {"path": path}
                )
            found = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(
            gettext("%(path)s cannot be read as a database: %(error)s")
            % {"path": path, "error": exc}
        ) from exc
    if not found:
        raise BackupError(
            gettext("%(path)s is an SQLite file but not an innonet database.") % {"path": path}
        )


def _sqlite_restore(connection: Any, path: Path) -> None:
    """Copy the backup into the live database page by page, under SQLite's own locking."""
    for other in connections.all(initialized_only=True):
        if other is not connection:
            other.close()
    source = _open_sqlite(path, readonly=True)
    try:
        source.backup(_raw_sqlite(connection))
    except sqlite3.Error as exc:
        raise BackupError(gettext("The SQLite restore failed: %(error)s") % {"error": exc}) from exc
    finally:
        source.close()


def _sqlite_file_counts(path: Path) -> dict[str, int]:
    db = _open_sqlite(path, readonly=True)
    try:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {}
        for name in names:
            # Table names come from the file's catalogue, not from input, and are quoted.
            quoted = '"' + name.replace('"', '""') + '"'
            sql = f"SELECT COUNT(*) FROM {quoted}"  # noqa: S608  # nosec B608
            counts[name] = db.execute(sql).fetchone()[0]
        return counts
    finally:
        db.close()


# PostgreSQL ------------------------------------------------------------------------------------
def _pg_args(connection: Any) -> list[str]:
    """Connection options for pg_dump/pg_restore; the password goes through PGPASSWORD only."""
    params = connection.settings_dict
    args = [f"--dbname={params['NAME']}"]
    if params.get("HOST"):
        args.append(f"--host={params['HOST']}")
    if params.get("PORT"):
        args.append(f"--port={params['PORT']}")
    if params.get("USER"):
        args.append(f"--username={params['USER']}")
    return [*args, "--no-password"]


def _pg_env(connection: Any) -> dict[str, str]:
    params = connection.settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def _run(command: list[str], connection: Any) -> None:
    executable = shutil.which(command[0])
    if executable is None:
        raise BackupError(
            gettext("%(program)s is not installed (package postgresql-client).")
            % {"program": command[0]}
        )
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [executable, *command[1:]],
        env=_pg_env(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or "").strip().splitlines()[-5:]
        raise BackupError(
            gettext("%(program)s failed: %(error)s")
            % {"program": command[0], "error": " / ".join(message)}
        )


def starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic
