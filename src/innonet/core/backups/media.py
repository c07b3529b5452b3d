"""The uploaded files: which ones a backup takes, and putting restored ones in place.

A restore first unpacks into a staging folder inside the media folder (one file system, so
moving is a rename), then moves the current entries aside and the restored ones in. Until the
database restore has succeeded this can be undone; afterwards the old files are deleted.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

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
