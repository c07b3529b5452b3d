"""The backup file: one gzip-compressed tar archive holding the database dump, every uploaded
file under `media/` and, last, `manifest.json` with the database kind and each member's size
and SHA-256. Reading unpacks into a staging folder and checks every member against the
manifest before anything is changed.
"""

import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.utils import timezone
from django.utils.translation import gettext

from .database import BackupError

FORMAT = "innonet-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1024 * 1024
# Names the restore and the backup keep for themselves inside the media folder.
RESERVED_PREFIX = ".innonet-"

Progress = Callable[[str, int, int], None]


class _Hashing:
    """A file reader that computes the SHA-256 of what passes through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, path: Any) -> dict[str, Any]:
    """Add a file from the media folder (a Path) or from the storage (`media.StoredFile`)."""
    with path.open("rb") if isinstance(path, Path) else path.open() as handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size if isinstance(path, Path) else path.size
        info.mtime = int(time.time())
        info.mode = 0o600
        reader = _Hashing(handle)
        try:
            archive.addfile(info, reader)
        except (OSError, tarfile.TarError) as exc:  # shorter than a moment ago
            raise BackupError(
                gettext("%(path)s changed while it was being backed up; run the backup again.")
                % {"path": path}
            ) from exc
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


def write(
    target: Path,
    *,
    database: Path,
    vendor: str,
    counts: dict[str, int],
    files: list[tuple[str, Any]],
    progress: Progress,
) -> dict[str, Any]:
    """Write the archive to `target` (a new temporary file) and return its manifest."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": {
            "vendor": vendor,
            "file": DATABASE_FILES[vendor],
            "tables": len(counts),
            "rows": sum(counts.values()),
        },
        "files": [],
    }
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        manifest["database"].update(_add(archive, DATABASE_FILES[vendor], database))
        progress("database", 1, 1)
        for done, (name, path) in enumerate(files, start=1):
            manifest["files"].append({"path": name, **_add(archive, f"{MEDIA}/{name}", path)})
            progress("files", done, len(files))
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
        archive.addfile(info, io.BytesIO(data))
    return manifest


def _member_name(member: tarfile.TarInfo) -> str:
    """The member's name if it is one a backup may hold; anything else is refused."""
    name = member.name
    if not member.isreg():
        raise BackupError(
            gettext("The backup holds something other than files: %(name)s.") % {"name": name}
        )
    if name == MANIFEST or name in DATABASE_FILES.values():
        return name
    parts = PurePosixPath(name).parts
    unsafe = (
        len(parts) < 2
        or parts[0] != MEDIA
        or name.startswith("/")
        or any(part in ("", ".", "..") or "\x00" in part for part in parts)
        or parts[1].startswith(RESERVED_PREFIX)
    )
    if unsafe:
        raise BackupError(
            gettext("The backup holds an unexpected file: %(name)s.") % {"name": name}
        )
    return name


def extract(path: Path, staging: Path, progress: Progress) -> dict[str, Any]:
    """Unpack the archive at `path` into `staging`, check it against its manifest and return
    the manifest. Raises BackupError for a damaged, altered or foreign archive."""
    found: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(path, "r|gz") as archive:
            for member in archive:
                name = _member_name(member)
                if name in found:
                    raise BackupError(gettext("The backup holds %(name)s twice.") % {"name": name})
                found[name] = _unpack(archive, member, staging / name)
                progress("unpacking", len(found), 0)
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise BackupError(
            gettext("%(path)s is damaged or incomplete: %(error)s") % {"path": path, "error": exc}
        ) from exc
    if MANIFEST not in found:
        raise BackupError(gettext("%(path)s has no manifest; it is incomplete.") % {"path": path})
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        _verify(manifest, found)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(
            gettext("%(path)s has a damaged manifest: %(error)s") % {"path": path, "error": exc}
        ) from exc
    return manifest


def _unpack(archive: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> dict[str, Any]:
    target.parent.mkdir(parents=True, exist_ok=True)
    source = archive.extractfile(member)
    digest, size = hashlib.sha256(), 0
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def _verify(manifest: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
    """Every member is the one the manifest names, byte for byte, and nothing else is there."""
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(gettext("This backup was written in a format this version cannot read."))
    database = manifest["database"]
    if database["file"] != DATABASE_FILES.get(database["vendor"]):
        raise BackupError(gettext("This backup was written in a format this version cannot read."))
    expected = {database["file"]: database}
    expected.update({f"{MEDIA}/{entry['path']}": entry for entry in manifest["files"]})
    unlisted = sorted(set(found) - set(expected) - {MANIFEST})
    missing = sorted(set(expected) - set(found))
    if unlisted or missing:
        raise BackupError(
            gettext(
                "The backup does not match its manifest (missing: %(missing)s; extra: %(extra)s)."
            )
            % {"missing": ", ".join(missing) or "-", "extra": ", ".join(unlisted) or "-"}
        )
    for name, entry in expected.items():
        if (found[name]["size"], found[name]["sha256"]) != (entry["size"], entry["sha256"]):
            raise BackupError(
                gettext("%(name)s in the backup is damaged (its checksum does not match).")
                % {"name": name}
            )


def is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC
