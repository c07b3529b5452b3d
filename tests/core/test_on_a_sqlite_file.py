"""The tests that need real connections, run on a SQLite file database (see worker_processes).

They share one child pytest, so the interpreter starts and the schema migrates once for all."""

import re

import pytest

from .worker_processes import IN_MEMORY_SQLITE, run_in_child

REAL_CONNECTION_TESTS = {
    "tests/core/test_cache_concurrency.py": 1,
    "tests/core/test_outbox_concurrency.py": 2,
    "tests/core/test_versioning_concurrency.py": 3,
    "tests/core/test_worker_kill.py": 3,
    "tests/events/test_api_concurrency.py": 2,
    "tests/events/test_concurrency.py": 4,
    "tests/meetings/test_concurrency.py": 2,
    "tests/partners/test_import_worker_kill.py": 2,
}


@pytest.mark.skipif(not IN_MEMORY_SQLITE, reason="the tests ran in this process")
def test_real_connection_tests_pass_on_a_sqlite_file(tmp_path):
    result = run_in_child(list(REAL_CONNECTION_TESTS), tmp_path)
    summary = result.stdout.strip().splitlines()[-1]
    expected = sum(REAL_CONNECTION_TESTS.values())
    assert re.fullmatch(rf"{expected} passed(, \d+ warnings?)? in .*", summary), summary
