"""Backup and restore of everything a new machine needs: the database and the uploaded files.

`backup` writes one archive (see `archive`) to a temporary file next to the target and renames
it when complete. `restore` unpacks and checks the whole archive first, then exchanges the
media folder and the database together: if the database restore fails, the old files are put
back (uploads kept by a storage service such as S3 go through its API the same way, see
`media`). Backups of the older format (a bare SQLite file or pg_dump archive) still restore, with
a note that they hold no files (RELIABILITY items 30 and 44).
"""

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext

from . import archive, database, media
from .database import PG_DUMP_MAGIC, SQLITE_MAGIC, BackupError, starts_with, table_counts

__all__ = ["BackupError", "Summary", "backup", "restore", "table_counts"]

logger = logging.getLogger(__name__)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class Summary:
    """What a backup holds or a restore brought back; `note` says what it leaves out."""

    path: Path
    tables: int
    rows: int
    files: int = 0
    file_bytes: int = 0
    note: str = ""


def backup(
    path: Path, *, using: str = "default", progress: archive.Progress = _no_progress
) -> Summary:
    """Write the database `using` and every uploaded file to the archive `path`."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(
            gettext("The folder %(folder)s does not exist.") % {"folder": path.parent}
        )
    vendor = connections[using].vendor
    root = media.media_root()
    stored = None if root is not None else _stored_files()
    files: list = media.files(root) if root is not None else (stored or [])
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=path.parent) as scratch:
            dump = Path(scratch) / archive.DATABASE_FILES.get(vendor, "database")
            counts = database.dump(dump, using=using)
            manifest = archive.write(
                tmp, database=dump, vendor=vendor, counts=counts, files=files, progress=progress
            )
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        tmp.chmod(0o600)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    logger.info("backup written to %s (%d tables, %d files)", path, len(counts), len(files))
    note = "" if root is not None or stored is not None else _files_elsewhere()
    return Summary(
        path=path,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        file_bytes=sum(entry["size"] for entry in manifest["files"]),
        note=note,
    )


def _stored_files() -> list | None:
    """The storage's files, or None when it cannot list them (the backup then says so)."""
    try:
        return media.stored_files()
    except NotImplementedError:
        return None


def _files_elsewhere() -> str:
    return gettext(
        "Uploaded files are kept by %(storage)s, not in a folder: back them up with that "
        "storage's own tools."
    ) % {"storage": media.storage_name()}


def restore(
    path: Path, *, using: str = "default", progress: archive.Progress = _no_progress
) -> Summary:
    """Replace the database `using` and the uploaded files with those in the backup `path`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(gettext("There is no backup file at %(path)s.") % {"path": path})
    if not archive.is_archive(path):
        return _restore_database_only(path, using)
    root = media.media_root()
    staging = media.staging_folder(root)
    try:
        manifest = archive.extract(path, staging, progress)
        dump = staging / manifest["database"]["file"]
        _check_kind(manifest, using)
        database.check(dump, using=using)
        swap: media.Swap | media.StorageSwap | None
        if root is not None:
            swap = media.swap_in(root, staging / archive.MEDIA)
        elif _stored_files() is None:
            if manifest["files"]:
                raise BackupError(_files_elsewhere())
            swap = None
        else:
            swap = media.swap_into_storage(staging / archive.MEDIA, staging / ".kept")
        try:
            database.load(dump, using=using)
        except BaseException:
            if swap is not None:
                swap.undo()
            raise
        if swap is not None:
            swap.finish()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    counts = table_counts(using)
    logger.info("backup %s restored (%d tables)", path, len(counts))
    files = manifest["files"]
    return Summary(
        path=path,
        tables=len(counts),
        rows=sum(counts.values()),
        files=len(files),
        file_bytes=sum(entry["size"] for entry in files),
    )


def _check_kind(manifest: dict, using: str) -> None:
    ours, theirs = connections[using].vendor, manifest["database"]["vendor"]
    if ours != theirs:
        raise BackupError(
            gettext("This backup holds a %(theirs)s database; this installation uses %(ours)s.")
            % {"theirs": theirs, "ours": ours}
        )


def _restore_database_only(path: Path, using: str) -> Summary:
    """A backup of the older format: the database alone, files stay as they are."""
    if not (starts_with(path, SQLITE_MAGIC) or starts_with(path, PG_DUMP_MAGIC)):
        raise BackupError(
            gettext("%(path)s is not a backup made by `innonet backup`.") % {"path": path}
        )
    database.check(path, using=using)
    database.load(path, using=using)
    counts = table_counts(using)
    logger.info("database-only backup %s restored (%d tables)", path, len(counts))
    note = gettext(
        "This backup is of the older kind and holds the database only: uploaded files were not "
        "restored. Copy the media folder from the old machine, or make a new backup there."
    )
    return Summary(path=path, tables=len(counts), rows=sum(counts.values()), note=note)
