"""Search through a real index on both databases, with the same results on each.

Every searchable model keeps a folded `search_text` (see `core.search`) and a query set built on
`SearchableQuerySet`; `search(queryset, query)` keeps the rows whose search text contains every
folded word of the query. The containment test is the same everywhere; what differs is the
index that answers it without reading the whole table:

- SQLite: an FTS5 table with the trigram tokenizer over `search_text` ("external content": the
  text is stored once, in the model's table), kept current by triggers, so bulk inserts,
  `update()` and imports cannot forget it. A word of three or more characters is a phrase query
  on the trigram index; shorter words (trigrams need three) fall back to `LIKE`, on the rows the
  longer words left.
- PostgreSQL: a GIN index with `gin_trgm_ops` (pg_trgm) on `search_text`, which answers the
  same `LIKE '%word%'` directly.

The indexes and triggers are database objects Django's migrations do not describe (virtual
tables, triggers, an operator class of one database), so `ensure_search_indexes` creates any
that are missing after every `migrate` (and `flush`) and fills a new or repaired SQLite index;
`innonet rebuild_search_index` recomputes every search text and rebuilds the indexes.
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.db import connections, models
from django.db.models.expressions import RawSQL

from .search import search_terms

TRIGRAM = 3  # the shortest word the trigram indexes can answer


class SearchableQuerySet(models.QuerySet):
    """A query set whose model has a folded `search_text` covered by a search index."""

    def search(self, query: str) -> "SearchableQuerySet":
        return search(self, query)


class KeepsSearchText:
    """Mixin for a searchable model: `save()` stores `build_search_text()` in `search_text`,
    also when only some fields are saved (`update_fields`)."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


def search(queryset: models.QuerySet, query: str) -> models.QuerySet:
    """The rows whose search text contains every folded word of `query`, in any order."""
    terms = search_terms(query)
    if not terms:
        return queryset
    if connections[queryset.db].vendor == "sqlite":
        indexed = [term for term in terms if len(term) >= TRIGRAM]
        if indexed:
            table = fts_table(queryset.model)
            phrases = " AND ".join('"' + term.replace('"', '""') + '"' for term in indexed)
            # The table name comes from the model; the words are a parameter.
            sql = f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s'  # noqa: S608  # nosec B608
            queryset = queryset.filter(pk__in=RawSQL(sql, (phrases,)))  # noqa: S611  # nosec B611
            terms = [term for term in terms if len(term) < TRIGRAM]
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def searchable_models() -> Iterator[type[models.Model]]:
    """Concrete models whose default manager hands out a `SearchableQuerySet`."""
    for model in apps.get_models():
        if model._meta.abstract or model._meta.proxy:
            continue
        if isinstance(model._default_manager.all(), SearchableQuerySet):
            yield model


def fts_table(model: type[models.Model]) -> str:
    return f"{model._meta.db_table}__search"


def pg_index(model: type[models.Model]) -> str:
    return f"{model._meta.db_table}_search_trgm"[:63]


def _sqlite_statements(model: type[models.Model]) -> dict[str, str]:
    """Name -> statement of the FTS table and its three triggers."""
    # Names from the model only, nothing from a request.
    table, fts = model._meta.db_table, fts_table(model)
    into = f'INSERT INTO "{fts}"'
    insert = into + "(rowid, search_text) VALUES (new.id, new.search_text);"
    delete = into + f"(\"{fts}\", rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    return {
        fts: (
            f'CREATE VIRTUAL TABLE "{fts}" USING fts5(search_text, content="{table}", '
            'content_rowid="id", tokenize="trigram")'
        ),
        f"{fts}_insert": (
            f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END'
        ),
        f"{fts}_delete": (
            f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END'
        ),
        f"{fts}_update": (
            f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF search_text ON "{table}" '
            f"BEGIN {delete} {insert} END"
        ),
    }


def _refill(cursor: Any, model: type[models.Model]) -> None:
    """Read a SQLite FTS index afresh from its content table."""
    fts = fts_table(model)
    cursor.execute(f"""INSERT INTO "{fts}"("{fts}") VALUES ('rebuild')""")  # noqa: S608  # nosec B608


def ensure_search_indexes(using: str = "default", **kwargs: Any) -> list[str]:
    """Create the search indexes that are missing (a SQLite index made or repaired is filled
    from the table). Returns the names of what was created. A `post_migrate` receiver."""
    connection = connections[using]
    created: list[str] = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        models_present = [m for m in searchable_models() if m._meta.db_table in tables]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            existing = {row[0] for row in cursor.fetchall()}
            for model in models_present:
                missing = {n: s for n, s in _sqlite_statements(model).items() if n not in existing}
                for statement in missing.values():
                    cursor.execute(statement)
                if missing:
                    _refill(cursor, model)
                    created.extend(missing)
        elif connection.vendor == "postgresql" and models_present:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute("SELECT indexname FROM pg_indexes")
            existing = {row[0] for row in cursor.fetchall()}
            for model in models_present:
                name = pg_index(model)
                if name not in existing:
                    cursor.execute(
                        f'CREATE INDEX "{name}" ON "{model._meta.db_table}" '
                        "USING gin (search_text gin_trgm_ops)"
                    )
                    created.append(name)
    return created


def rebuild_search_indexes(
    using: str = "default",
    *,
    chunk: int = 2000,
    progress: Callable[[type[models.Model], int, int], None] | None = None,
) -> dict[str, int]:
    """Recompute every searchable row's search text (after a change to the folding rules) and
    rebuild the indexes. Returns the number of rows per model."""
    ensure_search_indexes(using)
    connection = connections[using]
    counts: dict[str, int] = {}
    for model in searchable_models():
        manager = model._base_manager.using(using)
        total = manager.count()
        done = 0
        last_pk = 0
        while True:
            rows = list(manager.filter(pk__gt=last_pk).order_by("pk")[:chunk])
            if not rows:
                break
            for row in rows:
                row.search_text = row.build_search_text()
            manager.bulk_update(rows, ["search_text"])
            done += len(rows)
            last_pk = rows[-1].pk
            if progress:
                progress(model, done, total)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                _refill(cursor, model)
            elif connection.vendor == "postgresql":
                cursor.execute(f'REINDEX INDEX "{pg_index(model)}"')
        counts[model._meta.label] = done
    return counts
