"""Places counted in one way for the calendar, the API and the services: confirmed, waiting and
pending registrations, and the free places (none below zero, None without a limit)."""

import pytest

from innonet.events import services
from innonet.events.models import Event, RegistrationStatus
from tests.clock import counting_queries
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(event, status, count=1):
    for _ in range(count):
        RegistrationFactory(event=event, status=status)


def test_with_places_counts_each_state_and_the_free_places():
    event = EventFactory(capacity=5)
    register(event, RegistrationStatus.CONFIRMED, 3)
    register(event, RegistrationStatus.WAITING, 2)
    register(event, RegistrationStatus.PENDING)
    register(event, RegistrationStatus.CANCELLED)
    counted = Event.objects.with_places().get(pk=event.pk)
    assert (counted.confirmed_count, counted.waiting_count, counted.pending_count) == (3, 2, 1)
    assert counted.free_places == 2


def test_no_limit_means_no_free_count_and_overbooking_means_zero():
    unlimited = EventFactory(capacity=None)
    register(unlimited, RegistrationStatus.CONFIRMED)
    lowered = EventFactory(capacity=1)
    register(lowered, RegistrationStatus.CONFIRMED, 2)
    free = dict(Event.objects.with_places().values_list("pk", "free_places"))
    assert free == {unlimited.pk: None, lowered.pk: 0}


def test_the_services_read_the_same_numbers():
    event = EventFactory(capacity=2)
    register(event, RegistrationStatus.CONFIRMED, 2)
    register(event, RegistrationStatus.PENDING)
    places = services.places(event)
    assert (places.confirmed, places.waiting, places.pending, places.free) == (2, 0, 1, 0)
    assert places.is_full


def test_a_list_with_places_is_one_query_however_long():
    for _ in range(5):
        register(EventFactory(), RegistrationStatus.CONFIRMED, 2)
    with counting_queries() as captured:
        assert len(list(Event.objects.with_places())) == 5
    assert len(captured) == 1
