"""Backup and restore of the whole database: SQLite's online backup API, or pg_dump/pg_restore.

Both write the backup to a temporary file next to the target and rename it at the end, so a
failed or interrupted backup never leaves a partial file under the final name.
"""

import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

# The SQL functions Django adds to its SQLite connections (REGEXP, ...): CHECK constraints that
# migrations wrote with them must evaluate the same in the integrity check of a backup file.
from django.db.backends.sqlite3._functions import register as register_sqlite_functions

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore could not be made; the message says why in plain words."""


@dataclass(frozen=True)
class Summary:
    """What a backup holds or a restore brought back."""

    path: Path
    tables: int
    rows: int


def backup(path: Path, *, using: str = "default") -> Summary:
    """Write a consistent copy of the database `using` to `path` (replacing any file there)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    connection = connections[using]
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, tmp)
            counts = _sqlite_file_counts(tmp)
        elif connection.vendor == "postgresql":
            counts = table_counts(using)
            _run(["pg_dump", "--format=custom", f"--file={tmp}", *_pg_args(connection)], connection)
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        tmp.chmod(0o600)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    logger.info("backup written to %s (%d tables)", path, len(counts))
    return Summary(path=path, tables=len(counts), rows=sum(counts.values()))


def restore(path: Path, *, using: str = "default") -> Summary:
    """Replace the contents of the database `using` with the backup at `path`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    connection = connections[using]
    if connection.vendor == "sqlite":
        _check_sqlite_backup(path)
        _sqlite_restore(connection, path)
    elif connection.vendor == "postgresql":
        if not _starts_with(path, PG_DUMP_MAGIC):
            raise BackupError(f"{path} is not a PostgreSQL backup made by `innonet backup`.")
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
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")
    counts = table_counts(using)
    logger.info("backup %s restored (%d tables)", path, len(counts))
    return Summary(path=path, tables=len(counts), rows=sum(counts.values()))


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
        raise BackupError("Backup and restore cannot run inside a transaction.")
    return connection.connection


def _open_sqlite(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if readonly else sqlite3.connect(path)
    register_sqlite_functions(db)
    return db


def _sqlite_backup(connection: Any, target: Path) -> None:
    destination = _open_sqlite(target)
    try:
        _raw_sqlite(connection).backup(destination)
        # One self-contained file, whatever journal mode the live database uses.
        destination.execute("PRAGMA journal_mode=DELETE")
        if destination.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The backup copy failed its integrity check.")
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite backup failed: {exc}") from exc
    finally:
        destination.close()


def _check_sqlite_backup(path: Path) -> None:
    if not _starts_with(path, SQLITE_MAGIC):
        raise BackupError(f"{path} is not an SQLite backup made by `innonet backup`.")
    try:
        source = _open_sqlite(path, readonly=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (integrity check failed).")
            found = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} cannot be read as a database: {exc}") from exc
    if not found:
        raise BackupError(f"{path} is an SQLite file but not an innonet database.")


def _sqlite_restore(connection: Any, path: Path) -> None:
    """Copy the backup into the live database page by page, under SQLite's own locking."""
    for other in connections.all(initialized_only=True):
        if other is not connection:
            other.close()
    source = _open_sqlite(path, readonly=True)
    try:
        source.backup(_raw_sqlite(connection))
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite restore failed: {exc}") from exc
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
        raise BackupError(f"{command[0]} is not installed (package postgresql-client).")
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [executable, *command[1:]],
        env=_pg_env(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or "").strip().splitlines()[-5:]
        raise BackupError(f"{command[0]} failed: " + " / ".join(message))


def _starts_with(path: Path, magic: bytes) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(magic)) == magic
