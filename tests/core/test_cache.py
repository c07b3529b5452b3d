"""The shared cache (core.cache, settings CACHE_URL): the same behaviour from the database table
and from Redis, one statement per write on the database, and counts that no process loses."""

import os
import subprocess
import sys
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innonet.core import cache as cache_module
from innonet.core.cache import DatabaseCache

from .test_cache_concurrency import count_in_parallel
from .worker_processes import PROJECT

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_cache() -> RedisCache:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error})")
    # Its own key prefix per use (parallel test processes share the Redis database; `clear`
    # would flush it for all of them), and keys that expire on their own.
    return RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "TIMEOUT": 60})


@pytest.fixture(params=["database", "redis"])
def shared_cache(request):
    if request.param == "redis":
        found = redis_cache()
    else:
        request.getfixturevalue("db")
        found = DatabaseCache("innonet_cache", {})
        found.clear()
    return found


def test_set_get_and_overwrite(shared_cache):
    shared_cache.set("k", {"a": [1, 2]})
    assert shared_cache.get("k") == {"a": [1, 2]}
    shared_cache.set("k", "zweiter Wert")
    assert shared_cache.get("k") == "zweiter Wert"
    assert shared_cache.get("missing", "default") == "default"
    shared_cache.set("forever", "bleibt", timeout=None)
    assert shared_cache.get("forever") == "bleibt"


def test_add_only_where_nothing_lives(shared_cache):
    assert shared_cache.add("k", 1) is True
    assert shared_cache.add("k", 2) is False
    assert shared_cache.get("k") == 1


def test_touch_and_delete(shared_cache):
    assert shared_cache.touch("missing") is False
    shared_cache.set("k", 1, timeout=60)
    assert shared_cache.touch("k", timeout=120) is True
    assert shared_cache.delete("k") is True
    assert shared_cache.get("k") is None


def test_incr_and_decr(shared_cache):
    shared_cache.set("n", 5)
    assert shared_cache.incr("n") == 6
    assert shared_cache.incr("n", 10) == 16
    assert shared_cache.decr("n", 3) == 13
    assert shared_cache.get("n") == 13
    with pytest.raises(ValueError):
        shared_cache.incr("missing")


@pytest.mark.django_db
def test_database_add_replaces_an_expired_row_and_incr_ignores_it():
    found = DatabaseCache("innonet_cache", {})
    found.set("k", "old", timeout=-1)  # stored already expired
    with pytest.raises(ValueError):
        found.incr("k")
    assert found.add("k", "new") is True
    assert found.get("k") == "new"


@pytest.mark.django_db
def test_database_writes_are_one_statement():
    found = DatabaseCache("innonet_cache", {})
    found.set("warm", 1)
    with CaptureQueriesContext(connection) as queries:
        found.set("k", [1.5, 2.5])
        found.add("other", 1)
        found.add("other", 2)
        found.touch("k")
    assert len(queries) == 4, [query["sql"] for query in queries]


@pytest.mark.django_db
def test_database_table_is_culled_every_so_many_writes(monkeypatch):
    monkeypatch.setattr(cache_module, "CULL_EVERY", 5)
    found = DatabaseCache("innonet_cache", {"OPTIONS": {"MAX_ENTRIES": 6, "CULL_FREQUENCY": 2}})
    found.clear()
    for number in range(4):
        found.set(f"k{number}", number)
    for number in range(4, 20):
        found.set(f"k{number}", number)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM innonet_cache")
            entries = cursor.fetchone()[0]
        assert entries <= 6 + 5, f"{entries} rows after {number + 1} writes"
    assert found.get("k19") == 19


def test_redis_counts_from_several_clients_are_never_lost():
    found = redis_cache()
    found.set("counter", 0)
    count_in_parallel(found)
    assert found.get("counter") == 100


def _cache_backend(cache_url: str) -> subprocess.CompletedProcess:
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "innonet.settings", "CACHE_URL": cache_url}
    return subprocess.run(  # nosec B603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True
    )


def test_cache_url_chooses_the_backend():
    assert _cache_backend("").stdout.strip() == "innonet.core.cache.DatabaseCache"
    redis = _cache_backend("redis://127.0.0.1:6379/0").stdout.strip()
    assert redis == "django.core.cache.backends.redis.RedisCache"
    wrong = _cache_backend("memcached://127.0.0.1:11211")
    assert wrong.returncode != 0
    assert "CACHE_URL must be a redis:// address" in wrong.stderr


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_postgresql_cache_table_writes_no_wal():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = 'innonet_cache'")
        assert cursor.fetchone() == ("u",)
