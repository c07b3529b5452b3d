"""The rows of small reference tables (districts, RIS3 fields, competences, networks, formats,
…) for drop-downs, kept by each process between requests.

A list's filter form has up to five such drop-downs; reading and building their rows took 3-4 ms
of every organisation or project list on PostgreSQL, for tables that change a few times a year.
A model opts in with `register(Model)`. Each registered model has a stamp in the shared cache,
renewed whenever a row is saved or deleted (immediately and again after the commit), so every
process of every host notices a change on its next request; rows are kept per stamp, so a
rolled-back change (whose stamp is rolled back with it when the cache is the database) never
shows. Writes that send no signals (a bulk update) are caught by `MAX_AGE`. A request reads the
stamps once, in one cache read, however many drop-downs it shows.

Only a query that reads registered tables alone is kept (joins among them count the stamps of
each; no subquery), keyed by its SQL: its rows then depend on nothing else. Anything else is
read as before.
"""

import threading
import time
import uuid
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save

MAX_AGE = 300  # seconds: rows older than this are read again even without a new stamp
_STAMP_KEY = "innonet.choices:{}"

_models: set[type[Model]] = set()
_rows: dict[tuple, tuple[float, list[Model]]] = {}
_request = threading.local()  # the stamps read in this thread's current request


def register(model: type[Model]) -> None:
    """Keep the drop-down rows of `model` between requests (a small, rarely changed table)."""
    if model in _models:
        return
    _models.add(model)
    post_save.connect(_changed, sender=model, dispatch_uid=f"choice_cache:save:{model}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"choice_cache:delete:{model}")


def rows(queryset: QuerySet) -> list[Model]:
    """The queryset's rows: kept ones when it reads only registered tables, else read now."""
    models = _tables_read(queryset)
    if models is None:
        return list(queryset)
    sql, params = queryset.query.sql_with_params()
    if sql.count("SELECT ") != 1:  # a subquery reads tables of its own
        return list(queryset)
    stamps = tuple(_stamp(model) for model in models)
    key = (queryset.db, sql, tuple(map(repr, params)), stamps)
    kept = _rows.get(key)
    now = time.monotonic()
    if kept is not None and now - kept[0] < MAX_AGE:
        return kept[1]
    found = list(queryset)
    _forget_other_stamps(sql, stamps)
    _rows[key] = (now, found)
    return found


def _tables_read(queryset: QuerySet) -> list[type[Model]] | None:
    """The registered models whose tables the query reads, or None when it reads another."""
    if queryset._prefetch_related_lookups:
        return None
    by_table = {model._meta.db_table: model for model in _models}
    tables = {join.table_name for join in queryset.query.alias_map.values()}
    tables.add(queryset.model._meta.db_table)
    if not tables <= by_table.keys():
        return None
    return sorted((by_table[table] for table in tables), key=lambda model: model._meta.db_table)


def forget_all() -> None:
    """Drop the rows this process keeps (tests; after a bulk load)."""
    _rows.clear()
    _request.__dict__.clear()


def _stamp(model: type[Model]) -> str | None:
    stamps = getattr(_request, "stamps", None)
    if stamps is None:
        stamps = cache.get_many([_key(m) for m in _models])
        if getattr(_request, "active", False):
            _request.stamps = stamps
    return stamps.get(_key(model))


def _key(model: type[Model]) -> str:
    return _STAMP_KEY.format(model._meta.label_lower)


def _forget(model: type[Model]) -> None:
    """Drop every kept query that reads the model's table."""
    quoted = f'"{model._meta.db_table}"'
    for key in [key for key in _rows if quoted in key[1]]:
        _rows.pop(key, None)


def _forget_other_stamps(sql: str, stamps: tuple) -> None:
    for key in [key for key in _rows if key[1] == sql and key[3] != stamps]:
        _rows.pop(key, None)


def _changed(sender: type[Model], using: str = "default", **kwargs: Any) -> None:
    _renew(sender)
    # Another process may read the old rows between now and the commit and keep them under the
    # new stamp: a second stamp after the commit replaces it.
    if connections[using].in_atomic_block:
        transaction.on_commit(lambda: _renew(sender), using=using)


def _renew(model: type[Model]) -> None:
    cache.set(_key(model), uuid.uuid4().hex, None)
    _forget(model)
    stamps = getattr(_request, "stamps", None)
    if stamps is not None:
        stamps.pop(_key(model), None)
        _request.__dict__.pop("stamps", None)


def _request_started(**kwargs: Any) -> None:
    _request.__dict__.clear()
    _request.active = True


def _request_finished(**kwargs: Any) -> None:
    _request.__dict__.clear()


request_started.connect(_request_started, dispatch_uid="choice_cache:request_started")
request_finished.connect(_request_finished, dispatch_uid="choice_cache:request_finished")
