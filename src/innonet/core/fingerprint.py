"""A fingerprint of some tables in one cheap query: for every table its row count and its
latest change (or its highest id where rows never change). Caches keyed on it are recomputed
only after the data changed.

Bulk updates that bypass `updated_at` (`QuerySet.update()`) are not seen; caches keyed on a
fingerprint therefore also expire after a short time.
"""

import hashlib
from collections.abc import Iterable

from django.db import connection, models

__all__ = ["tables_fingerprint"]


def _parts(model: type[models.Model]) -> list[str]:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = {field.name for field in model._meta.concrete_fields}
    latest = "updated_at" if "updated_at" in names else model._meta.pk.column
    # Names come from the models, never from input.
    count = f"(SELECT COUNT(*) FROM {table})"  # noqa: S608  # nosec B608
    newest = f"(SELECT MAX({quote(latest)}) FROM {table})"  # noqa: S608  # nosec B608
    return [count, newest]


def tables_fingerprint(sources: Iterable[type[models.Model]]) -> str:
    """Changes whenever a row of one of the `sources` tables is added, removed or saved."""
    columns = ", ".join(part for model in sources for part in _parts(model))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # nosec B608 - see _parts
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]
