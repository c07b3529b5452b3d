"""The demo network's programme: formats, past events with figures, the coming months."""

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from innonet.demo.services import demo_load
from innonet.events.models import Event, EventStatus, Feedback, Format, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_formats_a_past_and_a_coming_programme():
    demo_load(seed=3)
    assert Format.objects.filter(adopted_from__isnull=False).exists()
    now = timezone.now()
    assert Event.objects.filter(status=EventStatus.FINISHED, ends_at__lt=now).count() >= 20
    assert Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=now).count() >= 5
    assert Feedback.objects.exists()
    confirmed = Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    for event in Event.objects.annotate(confirmed=confirmed):
        assert event.capacity is None or event.confirmed <= event.capacity
    registration = Event.objects.filter(status=EventStatus.FINISHED).first().registrations.first()
    assert registration.person_id and registration.search_text


def test_loading_twice_keeps_one_programme():
    demo_load(seed=3)
    count = Event.objects.count()
    demo_load(seed=3)
    assert Event.objects.count() == count


def test_nobody_waits_while_a_place_is_free():
    demo_load(seed=3)
    counted = Event.objects.annotate(
        confirmed=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    for event in counted.filter(waiting__gt=0):
        assert event.capacity is not None and event.confirmed == event.capacity, event.title
