"""Progress for commands that work for a while: lines (backup, restore) and a bar (index
rebuilds)."""

import sys
import time
from typing import Any

from django.utils.translation import gettext as _

STAGES = {
    "database": lambda done, total: _("Database saved."),
    "files": lambda done, total: _("Files: %(done)d of %(total)d") % {"done": done, "total": total},
    "unpacking": lambda done, total: _("Unpacked: %(done)d files") % {"done": done},
}


class ProgressLines:
    """Writes at most one progress line per second (and the last one of each stage)."""

    def __init__(self, stream: Any, *, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown_at = 0.0
        self.pending = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        line = STAGES[stage](done, total)
        now = time.monotonic()
        if now - self.shown_at >= 1 or (total and done == total):
            self.stream.write(line)
            self.shown_at, self.pending = now, ""
        else:
            self.pending = line

    def end(self) -> None:
        """Show the last line if it was held back."""
        if self.enabled and self.pending:
            self.stream.write(self.pending)
            self.pending = ""


def progress_bar(done: int, total: int, label: str = "", *, width: int = 30) -> None:
    """Redraw a one-line progress bar on standard error (end it with a newline)."""
    filled = width * done // total if total else width
    bar = "#" * filled + "-" * (width - filled)
    prefix = f"{label} " if label else ""
    sys.stderr.write(f"\r{prefix}[{bar}] {done}/{total}")
    sys.stderr.flush()
