"""A tiny disk for fault tests: a tmpfs of 256 KiB that a test fills up to a few KiB.

Mounting needs root (or CAP_SYS_ADMIN); elsewhere the tests that need it are skipped with
that reason. The disk is always unmounted again."""

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SIZE = "256k"


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)


@contextlib.contextmanager
def mounted(folder: Path, size: str = SIZE) -> Iterator["TinyDisk"]:
    """Mount a tmpfs of `size` at `folder` for the block; skip the test when not permitted."""
    folder.mkdir(parents=True, exist_ok=True)
    result = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip() or 'no mount'})")
    try:
        yield TinyDisk(folder)
    finally:
        if _run("umount", str(folder)).returncode != 0:
            _run("umount", "-l", str(folder))


class TinyDisk:
    """The mounted folder, and a ballast file that takes all but `free` bytes of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ballast = root / ".ballast"

    def fill(self, *, free: int = 0) -> None:
        """Fill the disk, then give back about `free` bytes (tmpfs counts in pages of 4 KiB)."""
        block = b"\0" * 4096
        with self.ballast.open("ab", buffering=0) as out, contextlib.suppress(OSError):
            while True:
                out.write(block)
        if free:
            size = self.ballast.stat().st_size
            os.truncate(self.ballast, max(0, size - free))

    def empty(self) -> None:
        self.ballast.unlink(missing_ok=True)

    def files(self) -> list[str]:
        """Every file on the disk but the ballast, relative to its root."""
        return sorted(
            str(path.relative_to(self.root))
            for path in self.root.rglob("*")
            if path.is_file() and path != self.ballast
        )
