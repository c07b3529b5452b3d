"""One still instant per test, for measurements that must not depend on when they run.

Query counts change when a request crosses a rate limit's minute window or the minute after
which a staff session records activity again. Tests that compare counts measure each request
inside `steady_clock()`: every measurement of one test then sees the same instant (taken when
the test started, see conftest), whatever the machine's speed.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

test_started: datetime | None = None  # set by conftest before every test


@contextmanager
def steady_clock() -> Iterator[None]:
    assert test_started is not None, "conftest sets the instant before every test"
    with time_machine.travel(test_started, tick=False):
        yield


@contextmanager
def counting_queries() -> Iterator[CaptureQueriesContext]:
    """Django's query capture at the test's still instant (see the module's docstring)."""
    with steady_clock(), CaptureQueriesContext(connection) as context:
        yield context
