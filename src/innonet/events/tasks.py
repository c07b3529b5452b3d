"""Background work of the events app: participant mails, reminders, feedback requests."""

import logging
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from innonet.core.outbox import queue_mail
from innonet.core.tasking import enqueue_on_commit, retrying

from . import mails
from .models import Event, EventStatus, Registration, RegistrationStatus

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(days=1)


@retrying(backoff_seconds=60)
def send_registration_mail(*, registration_id: int, kind: str, occasion: str = "") -> bool:
    """Render one participant mail into the outbox; skipped for erased or deleted
    registrations. Keyed by registration, kind and occasion: a repeated run stores it once."""
    registration = (
        Registration.objects.select_related("event", "registered_by")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        return False
    message = mails.build_message(registration, kind)
    key = mails.outbox_key(registration.pk, kind, occasion or "once")
    queue_mail(message, key=key, category=f"events.{kind}")
    return True


def _mail_each(
    registrations: QuerySet[Registration],
    kind: str,
    stamp_field: str | None = None,
    *,
    occasion: str,
) -> int:
    count = 0
    for registration in registrations.iterator(chunk_size=200):
        mails.queue(registration, kind, occasion=occasion)
        if stamp_field:
            Registration.objects.filter(pk=registration.pk).update(**{stamp_field: timezone.now()})
        count += 1
    return count


@retrying(backoff_seconds=300)
def send_event_reminders(*, event_id: int, starts_at: str) -> int:
    """A day before: remind confirmed participants. Deferred at publishing; does nothing when
    the event moved (a new reminder was planned then), was cancelled, or already reminded."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.status != EventStatus.PUBLISHED:
        return 0
    if event.starts_at != datetime.fromisoformat(starts_at) or timezone.now() > event.starts_at:
        return 0
    due = event.registrations.confirmed().filter(reminder_sent_at__isnull=True)
    return _mail_each(due, mails.REMINDER, "reminder_sent_at", occasion=starts_at)


def plan_reminders(event: Event) -> None:
    """Enqueue the reminder run for a day before the start (at once if that has passed)."""
    task = send_event_reminders
    run_at = event.starts_at - REMINDER_BEFORE
    if task.get_backend().supports_defer and run_at > timezone.now():
        task = task.using(run_after=run_at)
    elif run_at > timezone.now():
        return  # a backend without deferral (tests): `innonet event_mails` sends them
    enqueue_on_commit(task, event_id=event.pk, starts_at=event.starts_at.isoformat())


@retrying(backoff_seconds=300)
def send_feedback_requests(*, event_id: int) -> int:
    """After the event: ask everyone who was checked in (or, when nobody was checked in,
    every confirmed participant) for feedback, once."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.status != EventStatus.FINISHED:
        return 0
    confirmed = event.registrations.confirmed()
    asked = confirmed.attended() if confirmed.attended().exists() else confirmed
    due = asked.filter(feedback_requested_at__isnull=True, feedback__isnull=True)
    return _mail_each(due, mails.FEEDBACK_REQUEST, "feedback_requested_at", occasion="once")


@retrying(backoff_seconds=300)
def send_event_cancelled(*, event_id: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.status != EventStatus.CANCELLED:
        return 0
    notified = event.registrations.filter(
        status__in=(
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITING,
            RegistrationStatus.PENDING,
        )
    )
    return _mail_each(notified, mails.EVENT_CANCELLED, occasion="once")
