"""The shared cache when no Redis is configured: Django's database cache, with writes that cost
one statement instead of five and an atomic `incr`.

Django's `DatabaseCache` counts the whole table before every write (to cull it), then reads the
row and updates or inserts it inside a transaction: five round trips for each `set`, and the API
throttle sets a key on every request. Here `set` and `add` are a single upsert (SQLite and
PostgreSQL both know `INSERT … ON CONFLICT`), the table is counted and culled only every
`CULL_EVERY` writes of a process, and `incr` locks the row, so two processes counting failed
logins or rate-limited requests never lose each other's count (Django's `incr` is a get and a
set).
"""

import base64
import pickle  # nosec B403 - the cache stores only values this code wrote
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router, transaction
from django.utils.timezone import now as tz_now

CULL_EVERY = 200


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table: str, params: dict) -> None:
        super().__init__(table, params)
        self._writes = 0

    def _connection(self):
        return connections[router.db_for_write(self.cache_model_class)]

    def _expiry(self, connection, timeout) -> object:
        timeout = self.get_backend_timeout(timeout)
        expires = (
            datetime.max.replace(tzinfo=UTC)
            if timeout is None
            else datetime.fromtimestamp(timeout, tz=UTC)
        )
        return connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))

    def _now(self, connection) -> object:
        return connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))

    def _encode(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    def _maybe_cull(self, connection) -> None:
        self._writes += 1
        if self._writes % CULL_EVERY:
            return
        table = connection.ops.quote_name(self._table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608  # nosec B608 - our table
            entries = cursor.fetchone()[0]
            if entries > self._max_entries:
                self._cull(connection.alias, cursor, tz_now().replace(microsecond=0), entries)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT) -> bool:
        connection = self._connection()
        quote = connection.ops.quote_name
        table, key_column = quote(self._table), quote("cache_key")
        value_column, expires_column = quote("value"), quote("expires")
        expires = self._expiry(connection, timeout)
        self._maybe_cull(connection)
        if mode == "touch":
            sql = f"UPDATE {table} SET {expires_column} = %s WHERE {key_column} = %s"  # noqa: S608  # nosec B608
            parameters = [expires, key]
        else:
            sql = (
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "  # noqa: S608  # nosec B608
                f"VALUES (%s, %s, %s) ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = excluded.{value_column}, "
                f"{expires_column} = excluded.{expires_column}"
            )
            parameters = [key, self._encode(value), expires]
            if mode == "add":  # only over a row that has expired
                sql += f" WHERE {table}.{expires_column} < %s"
                parameters.append(self._now(connection))
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, parameters)
                return cursor.rowcount > 0
        except DatabaseError:  # like Django's: a failed cache write is not the request's error
            return False

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection()
        quote = connection.ops.quote_name
        table, key_column = quote(self._table), quote("cache_key")
        value_column, expires_column = quote("value"), quote("expires")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            # SQLite runs its transactions IMMEDIATE here (settings), which serialises writers.
            cursor.execute(
                f"SELECT {value_column} FROM {table} WHERE {key_column} = %s "  # noqa: S608  # nosec B608
                f"AND {expires_column} >= %s{lock}",
                [key, self._now(connection)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            value = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301  # nosec B301
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s",  # noqa: S608  # nosec B608
                [self._encode(value), key],
            )
        return value
