"""Running out of space (RELIABILITY.md item 29): local file storage that leaves no partial
file behind, and the test that says whether an error means "the disk or database is full".

The default storage is Django's FileSystemStorage, which creates the file and then writes it:
a disk that fills up in the middle leaves a truncated file nobody points to. `LocalStorage`
removes what it created when the write fails. Pages turn an out-of-space error into one plain
answer (core.views.errors.insufficient_storage).
"""

import contextlib
import errno
import os
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError

OUT_OF_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
# SQLite says SQLITE_FULL; PostgreSQL's SQLSTATE 53100 is disk_full.
SQLITE_FULL = "SQLITE_FULL"
POSTGRES_DISK_FULL = "53100"


class LocalStorage(FileSystemStorage):
    """FileSystemStorage that deletes the file it was writing when the write fails.

    Stored names are generated (a uuid), so the file at the name did not exist before unless
    another upload raced for the same name, which the check below leaves alone."""

    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except FileExistsError:
            raise
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(full_path)
            raise


def is_out_of_space(error: BaseException | None) -> bool:
    """Whether `error` (or an error it was raised from) says a disk, a quota or the database's
    storage is full."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in OUT_OF_SPACE_ERRNOS:
            return True
        if getattr(error, "sqlite_errorname", "") == SQLITE_FULL:
            return True
        if getattr(error, "sqlstate", None) == POSTGRES_DISK_FULL:
            return True
        if isinstance(error, DatabaseError) and "database or disk is full" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False
