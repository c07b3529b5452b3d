"""`innonet matching_index`: rebuild the matching index now, with a progress bar.

Changes reach the index by themselves through the worker; run this after restoring a backup,
after bulk changes made outside the application, and nightly from cron so that earlier
co-attendance at events (which is not tracked change by change) enters the ranking."""

import sys
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innonet.core.management.commands._progress import progress_bar
from innonet.matching import search_index


class Command(BaseCommand):
    help = "Rebuild the matching index from the database."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--status", action="store_true", help="Only show the state of the index."
        )

    def handle(self, *args, status: bool = False, **options) -> None:
        if status:
            row = search_index.state()
            self.stdout.write(
                _("%(documents)d documents, generation %(generation)d, built %(built)s")
                % {
                    "documents": row.documents,
                    "generation": row.generation,
                    "built": row.built_at.isoformat() if row.built_at else "-",
                }
            )
            return
        started = time.monotonic()
        index = search_index.rebuild(progress=progress_bar)
        sys.stderr.write("\n")
        self.stdout.write(
            _("Index built: %(count)d documents in %(seconds).1f s.")
            % {"count": len(index), "seconds": time.monotonic() - started}
        )
