"""The uploaded files: which ones a backup takes, and putting restored ones in place.

A restore first unpacks into a staging folder inside the media folder (one file system, so
moving is a rename), then moves the current entries aside and the restored ones in. Until the
database restore has succeeded this can be undone; afterwards the old files are deleted.

Uploads kept by a storage service (an S3 bucket shared by several hosts) are read and written
through the storage API instead: the backup takes every file the storage lists; a restore
writes the backup's files into it (keeping a copy of any it replaces, so a failed database
restore can undo it) and removes the files the backup does not hold only at the end.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.utils.translation import gettext

from .archive import RESERVED_PREFIX
from .database import BackupError


def media_root() -> Path | None:
    """The folder of the uploaded files, or None when the storage keeps them elsewhere."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def storage_name() -> str:
    return type(storages["default"]).__name__


def files(root: Path) -> list[tuple[str, Path]]:
    """(name inside the media folder, path) of every uploaded file, in a stable order."""
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name.startswith(RESERVED_PREFIX) or path.is_symlink() or not path.is_file():
            continue
        found.append((name, path))
    return found


def staging_folder(root: Path | None) -> Path:
    """A new folder to unpack a backup into: inside the media folder where there is one."""
    if root is None:
        return Path(tempfile.mkdtemp(prefix=f"{RESERVED_PREFIX}restore-"))
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{RESERVED_PREFIX}restore-", dir=root))


@dataclass
class Swap:
    """The media folder's entries exchanged for the restored ones, until `finish` or `undo`."""

    root: Path
    previous: Path
    moved_out: list[str] = field(default_factory=list)
    moved_in: list[str] = field(default_factory=list)

    def undo(self) -> None:
        """Put the media folder back as it was before the restore."""
        for name in self.moved_in:
            target = self.root / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        for name in self.moved_out:
            (self.previous / name).rename(self.root / name)
        shutil.rmtree(self.previous, ignore_errors=True)

    def finish(self) -> None:
        """Forget the old files: the restore is complete."""
        shutil.rmtree(self.previous, ignore_errors=True)


def swap_in(root: Path, restored: Path) -> Swap:
    """Move the media folder's entries aside and the restored ones (if any) in their place."""
    swap = Swap(root, Path(tempfile.mkdtemp(prefix=f"{RESERVED_PREFIX}previous-", dir=root)))
    try:
        for entry in sorted(root.iterdir()):
            if not entry.name.startswith(RESERVED_PREFIX):
                entry.rename(swap.previous / entry.name)
                swap.moved_out.append(entry.name)
        for entry in sorted(restored.iterdir()) if restored.is_dir() else []:
            entry.rename(root / entry.name)
            swap.moved_in.append(entry.name)
    except OSError as exc:
        swap.undo()
        raise BackupError(
            gettext("The restored files could not be put in place: %(error)s") % {"error": exc}
        ) from exc
    return swap


# -- uploads kept by a storage service (S3) instead of a folder ------------------------------


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file read through the storage API (a bucket has no paths)."""

    name: str
    size: int

    def open(self):
        return storages["default"].open(self.name, "rb")


def stored_files() -> list[tuple[str, StoredFile]]:
    """(name, file) of every file the storage keeps, in a stable order."""
    storage = storages["default"]
    found: list[tuple[str, StoredFile]] = []

    def walk(folder: str) -> None:
        folders, names = storage.listdir(folder)
        for name in names:
            path = f"{folder}/{name}" if folder else name
            if not path.startswith(RESERVED_PREFIX):
                found.append((path, StoredFile(path, storage.size(path))))
        for sub in folders:
            walk(f"{folder}/{sub}" if folder else sub)

    walk("")
    return sorted(found)


@dataclass
class StorageSwap:
    """The storage's files replaced by the restored ones: files the backup does not hold are
    removed only by `finish` (after the database restore); `undo` puts changed ones back."""

    keep: Path
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def undo(self) -> None:
        storage = storages["default"]
        for name in self.added:
            storage.delete(name)
        for name in self.replaced:
            _put(name, self.keep / name)

    def finish(self) -> None:
        for name in self.extra:
            storages["default"].delete(name)


def _put(name: str, source: Path) -> None:
    storage = storages["default"]
    storage.delete(name)
    with source.open("rb") as handle:
        saved = storage.save(name, File(handle, name=name))
    if saved != name:
        storage.delete(saved)
        raise OSError(f"the storage renamed {name} to {saved}")


def swap_into_storage(restored: Path, keep: Path) -> StorageSwap:
    """Write the restored files (unpacked in `restored`) into the storage; files it holds with
    other content are first copied to `keep` so that `undo` can put them back."""
    storage = storages["default"]
    current = dict(stored_files())
    wanted = files(restored)
    swap = StorageSwap(keep, extra=sorted(set(current) - {name for name, _path in wanted}))
    try:
        for name, path in wanted:
            if name in current:
                with storage.open(name, "rb") as handle:
                    old = handle.read()
                if old == path.read_bytes():
                    continue
                (keep / name).parent.mkdir(parents=True, exist_ok=True)
                (keep / name).write_bytes(old)
                _put(name, path)
                swap.replaced.append(name)
            else:
                _put(name, path)
                swap.added.append(name)
    except Exception as exc:
        swap.undo()
        raise BackupError(
            gettext("The restored files could not be put in place: %(error)s") % {"error": exc}
        ) from exc
    return swap
