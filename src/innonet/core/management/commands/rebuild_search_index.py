"""`innonet rebuild_search_index`: recompute every search text and rebuild the search indexes,
with a progress bar.

The indexes keep themselves current (triggers on SQLite, the GIN index on PostgreSQL) and are
created after every `migrate`; run this after the folding rules change, after a restore from an
old backup, or when a search misses rows it should find."""

import sys
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innonet.core.management.commands._progress import progress_bar
from innonet.core.search_index import rebuild_search_indexes


class Command(BaseCommand):
    help = "Recompute the search texts and rebuild the search indexes."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        shown: list[str] = []

        def progress(model, done: int, total: int) -> None:
            label = str(model._meta.verbose_name_plural)
            if shown and shown[-1] != label:
                sys.stderr.write("\n")
            if not shown or shown[-1] != label:
                shown.append(label)
            progress_bar(done, total, label)

        counts = rebuild_search_indexes(progress=progress)
        if shown:
            sys.stderr.write("\n")
        self.stdout.write(
            _("Search indexes rebuilt: %(rows)d rows in %(seconds).1f s.")
            % {"rows": sum(counts.values()), "seconds": time.monotonic() - started}
        )
