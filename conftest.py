"""Shared fixtures: one signed-in client per role, background tasks run immediately.

The suite runs in random order: pytest-randomly prints the seed, `--randomly-seed=N` replays
that order and `-p no:randomly` keeps the file order. `random`, Faker and factory_boy are
reseeded before every test from the seed and the test's name, so data is reproducible.
`--clock=2027-03-28T01:59:55+01:00` starts every test at that instant with the clock running,
to find tests that break across midnight, month ends or a change to summer time.
"""

import shutil
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from tests import clock
from tests.factories import PASSWORD, UserFactory, add_totp, drawn_names

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
TEST_OVERRIDES = {
    "TASKS": IMMEDIATE_TASKS,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    "SECURE_SSL_REDIRECT": False,
    # Tests of the limits set small rates themselves.
    "USER_RATE_LIMITS": {
        "matching": "1000/min",
        "consortium": "1000/min",
        "export": "1000/min",
        "import": "1000/min",
        "contact": "1000/min",
        "newsletter": "1000/min",
    },
}


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO-TIME",
        help="start every test at this instant (with its UTC offset); the clock keeps running",
    )


def pytest_configure(config):
    # Each test process gets a fresh directory for files it writes (the matching index), so
    # nothing left by an earlier run or another worker is ever read.
    scratch = Path(tempfile.mkdtemp(prefix="innonet-test-"))
    config.add_cleanup(lambda: shutil.rmtree(scratch, ignore_errors=True))
    override_settings(
        **TEST_OVERRIDES, MATCHING_INDEX_PATH=scratch / "matching-index.pickle"
    ).enable()


@pytest.fixture(autouse=True)
def _clock(request):
    """With `--clock`, run the test as if it started at that instant; either way, note when it
    started (tests.clock)."""
    start = request.config.getoption("--clock")
    if not start:
        clock.test_started = datetime.now(UTC)
        yield
        return
    instant = datetime.fromisoformat(start)
    if instant.tzinfo is None:
        raise pytest.UsageError("--clock needs a UTC offset, e.g. 2027-01-01T00:59:58+01:00")
    with time_machine.travel(instant, tick=True):
        clock.test_started = datetime.now(UTC)
        yield


@pytest.fixture(autouse=True)
def _fresh_names():
    """Organisation names drawn by the factories are unique within each test."""
    drawn_names.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Start every test in the default language: a request in an earlier test (LocaleMiddleware)
    leaves its language active for the thread, and commands would then speak it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _cache_cull_counter():
    """Every test starts the database cache's write count afresh: the cache counts its table
    (one extra statement) on every 200th write of a process, and otherwise that statement
    would land in whichever test of a worker happens to make that write, breaking the query
    counts that compare two requests."""
    from django.core.cache import cache

    if hasattr(cache, "_writes"):
        cache._writes = 0


@pytest.fixture(autouse=True)
def _choice_rows_forgotten():
    """Drop-down rows a process keeps between requests (`core.choice_cache`) do not pass from
    one test to the next: each test's database starts again from the same state."""
    from innonet.core import choice_cache

    choice_cache.forget_all()


def sign_in(client: Client, user) -> Client:
    """Sign a user in as the real login would, including the second factor for the roles
    that need one (staff, board, partner-network manager)."""
    from allauth.mfa.utils import is_mfa_enabled

    from innonet.core.permissions import needs_two_factor

    client.force_login(user)
    if needs_two_factor(user):
        if not is_mfa_enabled(user):  # these roles cannot sign in without a device
            add_totp(user)
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": 0, "email": user.email},
            {"method": "mfa", "at": 0, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def staff_user(db):
    user = UserFactory(role="staff")
    add_totp(user)
    return user


@pytest.fixture
def board_user(db):
    user = UserFactory(role="board")
    add_totp(user)
    return user


@pytest.fixture
def member_user(db):
    return UserFactory(role="member")


@pytest.fixture
def other_member_user(db):
    return UserFactory(role="member")


@pytest.fixture
def manager_user(db):
    user = UserFactory(role="network_manager")
    add_totp(user)
    return user


@pytest.fixture
def role_users(staff_user, board_user, member_user, other_member_user, manager_user):
    """One user per role; `member_b` belongs to another organisation than `member`."""
    return {
        "staff": staff_user,
        "board": board_user,
        "member": member_user,
        "member_b": other_member_user,
        "network_manager": manager_user,
    }


@pytest.fixture
def client_for():
    """`client_for(user)` gives a fresh client signed in as that user (None: anonymous)."""

    def make(user) -> Client:
        client = Client()
        return sign_in(client, user) if user is not None else client

    return make


@pytest.fixture
def staff_client(staff_user, client_for):
    return client_for(staff_user)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    """pytest-django's ceiling on queries, measured at the test's still instant (tests.clock)."""

    @contextmanager
    def steady(*args, **kwargs):
        with clock.steady_clock(), django_assert_max_num_queries(*args, **kwargs) as context:
            yield context

    return steady


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    """pytest-django's exact query count, measured at the test's still instant."""

    @contextmanager
    def steady(*args, **kwargs):
        with clock.steady_clock(), django_assert_num_queries(*args, **kwargs) as context:
            yield context

    return steady
