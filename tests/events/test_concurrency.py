"""Capacity and uniqueness under concurrent requests (RELIABILITY.md items 24 and 25).

Each thread has its own database connection and transaction, as separate requests do; the
same tests run on SQLite (IMMEDIATE transactions) and PostgreSQL (row locks)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection

from innonet.core.errors import DomainError
from innonet.events import services
from innonet.events.models import Registration, RegistrationStatus
from innonet.events.services.registrations import Attendee
from tests.core.worker_processes import needs_real_connections
from tests.factories import EventFactory

# SQLite's in-memory test database is one shared-cache connection pool whose table locks do
# not wait for each other; production SQLite is a file. So on SQLite these tests run in a
# child pytest against a file database (tests/core/test_on_a_sqlite_file.py), not in this process.
pytestmark = pytest.mark.django_db(transaction=True)

STATUS = RegistrationStatus


@pytest.fixture(autouse=True)
def fresh_mail_limits():
    cache.clear()


def in_parallel(function, arguments, workers=20):
    """Run `function(argument)` for each argument at once; returns (results, errors)."""

    def run(argument):
        try:
            return function(argument), None
        except DomainError as error:
            return None, error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(run, arguments))
    return [r for r, _e in outcomes if r is not None], [e for _r, e in outcomes if e is not None]


def unconfirmed(event, count):
    return [
        Registration.objects.create(
            event=event, first_name="Gast", last_name=str(n), email=f"gast{n}@firma.de"
        )
        for n in range(count)
    ]


def counts(event):
    return {status: event.registrations.filter(status=status).count() for status in STATUS.values}


@needs_real_connections
@pytest.mark.parametrize("waiting_list", [True, False])
def test_sixty_confirmations_at_once_fill_ten_places_exactly(waiting_list):
    event = EventFactory(capacity=10, waiting_list=waiting_list)
    registrations = unconfirmed(event, 60)
    _results, errors = in_parallel(services.registration_confirm, registrations)
    assert not errors
    found = counts(event)
    assert found[STATUS.CONFIRMED] == 10
    refused = STATUS.WAITING if waiting_list else STATUS.CANCELLED
    assert found[refused] == 50


@needs_real_connections
def test_cancellations_at_once_promote_exactly_one_each():
    event = EventFactory(capacity=10)
    registrations = unconfirmed(event, 20)
    for registration in registrations:
        services.registration_confirm(registration)
    confirmed = list(event.registrations.filter(status=STATUS.CONFIRMED))
    _results, errors = in_parallel(services.registration_cancel, confirmed[:5], workers=5)
    assert not errors
    found = counts(event)
    assert found[STATUS.CONFIRMED] == 10
    assert found[STATUS.WAITING] == 5
    assert found[STATUS.CANCELLED] == 5


@needs_real_connections
def test_forty_identical_registrations_at_once_make_one():
    event = EventFactory(capacity=100)
    lead = Attendee(first_name="Eva", last_name="Doppelt", email="eva@firma.de")

    def submit(_n):
        return services.registration_submit(event, lead=lead, consent=True)

    results, errors = in_parallel(submit, range(40))
    assert not errors
    assert sum(len(result.created) for result in results) == 1
    assert event.registrations.count() == 1
