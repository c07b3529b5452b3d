"""Counts in the database cache from several connections at once (a thread each) are never
lost: `incr` locks the row (core.cache)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from innonet.core.cache import DatabaseCache

from .worker_processes import needs_real_connections


def count_in_parallel(found, workers: int = 4, each: int = 25) -> None:
    def count(_number: int) -> None:
        try:
            for _ in range(each):
                found.incr("counter")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(count, range(workers)))


@needs_real_connections
@pytest.mark.django_db(transaction=True)
def test_database_counts_from_several_connections_are_never_lost():
    found = DatabaseCache("innonet_cache", {})
    found.set("counter", 0)
    count_in_parallel(found)
    assert found.get("counter") == 100
