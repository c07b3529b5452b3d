"""Events: create and edit, and the one place that says which state may follow which."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ForeignKey
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions
from innonet.core.errors import DomainError
from innonet.core.tasking import enqueue_on_commit

from .. import tasks as background
from ..models import Event, EventStatus, Format
from .registrations import _locked_event, _promote_waiting, places

TRANSITIONS: dict[str, tuple[str, ...]] = {
    EventStatus.DRAFT: (EventStatus.PUBLISHED, EventStatus.CANCELLED),
    EventStatus.PUBLISHED: (EventStatus.CANCELLED, EventStatus.FINISHED),
    EventStatus.CANCELLED: (),
    EventStatus.FINISHED: (),
}
EDITABLE_FIELDS = (
    "format", "title", "summary", "description", "starts_at", "ends_at", "venue", "online_url",
    "organiser", "speakers", "visibility", "capacity", "waiting_list", "registration_opens_at",
    "registration_closes_at", "requires_approval", "asked_fields", "consent_text",
)  # fmt: skip
M2M_FIELDS = ("co_organisers", "ris3_fields", "competences")


def default_consent_text() -> str:
    return _(
        "I agree that the organisers store my details to run this event, send me the "
        "confirmation, a reminder and a request for feedback, and list me as a participant. "
        "I can cancel at any time with the link in the confirmation mail."
    )


def can_move(event: Event, status: str) -> bool:
    return status in TRANSITIONS[event.status]


def _check_move(event: Event, status: str) -> None:
    if not can_move(event, status):
        raise DomainError(
            _("A %(current)s event cannot become %(target)s.")
            % {
                "current": event.get_status_display(),
                "target": EventStatus(status).label,
            },
            field="status",
        )


def _validate(event: Event, acting_user: User | None, *, organiser_set: bool = True) -> None:
    """Check the event's rules; `organiser_set`: the organiser is new or changed, so a
    network manager must name their own network (co-organisers may edit the rest)."""
    if not event.consent_text.strip():
        event.consent_text = default_consent_text()
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        raise DomainError(_("The event cannot end before it starts."), field="ends_at")
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes < opens:
        raise DomainError(
            _("Registration cannot close before it opens."), field="registration_closes_at"
        )
    if closes and event.ends_at and closes > event.ends_at:
        raise DomainError(
            _("Registration cannot close after the event has ended."),
            field="registration_closes_at",
        )
    manager = (
        acting_user if permissions.role_of(acting_user) == permissions.NETWORK_MANAGER else None
    )
    if organiser_set and manager is not None and event.organiser_id != manager.network_id:
        raise DomainError(
            _("You can only organise events for your own network."), field="organiser"
        )
    try:
        event.full_clean(exclude=["format", "organiser"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc


def _apply(event: Event, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in EDITABLE_FIELDS:
        if name not in data:
            continue
        field = Event._meta.get_field(name)
        if isinstance(
            field, ForeignKey
        ):  # compare ids: an unsaved event has no organiser to load yet
            current, new = getattr(event, field.attname), getattr(data[name], "pk", data[name])
        else:
            current, new = getattr(event, name), data[name]
        if current != new:
            setattr(event, name, data[name])
            changed.append(name)
    return changed


def _set_m2m(event: Event, m2m: Mapping[str, Any]) -> None:
    for name in M2M_FIELDS:
        if name in m2m:
            getattr(event, name).set(m2m[name])


@transaction.atomic
def event_create(
    *, data: Mapping[str, Any], m2m: Mapping[str, Any] | None = None, acting_user: User | None
) -> Event:
    event = Event(status=EventStatus.DRAFT)
    _apply(event, data)
    _validate(event, acting_user)
    event.save()
    _set_m2m(event, m2m or {})
    audit.record(event, "events.event.created", user=acting_user)
    return event


@transaction.atomic
def event_update(
    event: Event,
    *,
    data: Mapping[str, Any],
    m2m: Mapping[str, Any] | None = None,
    acting_user: User | None,
) -> Event:
    """Save changes. A lower capacity may not push out confirmed people; a higher one lets
    the waiting list move up; a new start time plans a new reminder."""
    event = _locked_event(event)
    old_start, old_capacity = event.starts_at, event.capacity
    changed = _apply(event, data)
    _validate(event, acting_user, organiser_set="organiser" in changed)
    confirmed = places(event).confirmed
    if event.capacity is not None and event.capacity < confirmed:
        raise DomainError(
            _("%(count)d people are already confirmed; the capacity cannot be lower.")
            % {"count": confirmed},
            field="capacity",
        )
    event.save()
    _set_m2m(event, m2m or {})
    audit.record(event, "events.event.updated", user=acting_user, data={"fields": changed})
    grew = old_capacity is not None and (event.capacity is None or event.capacity > old_capacity)
    if grew and event.status == EventStatus.PUBLISHED:
        _promote_waiting(event)
    if event.starts_at != old_start and event.status == EventStatus.PUBLISHED:
        background.plan_reminders(event)
    return event


def event_from_format(
    format: Format, *, starts_at: datetime, organiser: Any, acting_user: User | None
) -> Event:
    """A draft prefilled from a format: title, texts, capacity and duration."""
    duration = timedelta(minutes=format.duration_minutes or 120)
    data = {
        "format": format,
        "title": format.name,
        "summary": format.goal[:300],
        "description": format.description,
        "starts_at": starts_at,
        "ends_at": starts_at + duration,
        "organiser": organiser,
        "capacity": format.capacity,
        "consent_text": default_consent_text(),
    }
    return event_create(data=data, acting_user=acting_user)


@transaction.atomic
def event_publish(event: Event, *, acting_user: User | None) -> Event:
    event = _locked_event(event)
    _check_move(event, EventStatus.PUBLISHED)
    if event.ends_at < timezone.now():
        raise DomainError(_("An event in the past cannot be published."))
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    audit.record(event, "events.event.published", user=acting_user)
    background.plan_reminders(event)
    return event


@transaction.atomic
def event_cancel(event: Event, *, reason: str = "", acting_user: User | None) -> Event:
    """Cancel and tell everyone who holds or waits for a place."""
    event = _locked_event(event)
    _check_move(event, EventStatus.CANCELLED)
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancellation_reason = " ".join((reason or "").split())[:500]
    event.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
    audit.record(event, "events.event.cancelled", user=acting_user)
    enqueue_on_commit(background.send_event_cancelled, event_id=event.pk)
    return event


@transaction.atomic
def event_finish(event: Event, *, acting_user: User | None) -> Event:
    """Close the event after it has started and ask the participants for feedback."""
    event = _locked_event(event)
    _check_move(event, EventStatus.FINISHED)
    if timezone.now() < event.starts_at:
        raise DomainError(_("An event can only be finished once it has started."))
    event.status = EventStatus.FINISHED
    event.feedback_requested_at = timezone.now()
    event.save(update_fields=["status", "feedback_requested_at", "updated_at"])
    audit.record(event, "events.event.finished", user=acting_user)
    enqueue_on_commit(background.send_feedback_requests, event_id=event.pk)
    return event
