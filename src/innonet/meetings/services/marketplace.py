"""The office's side: open the marketplace, its settings, time slots and tables or rooms."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.events.models import Event

from .. import mails
from ..models import (
    MAX_REQUESTS_LIMIT,
    Marketplace,
    Meeting,
    MeetingSeat,
    Slot,
    SlotKind,
    Table,
    TableKind,
)
from ..policies import runs_event
from .errors import MeetingError

MAX_SLOT_LENGTH = timedelta(hours=4)
MAX_SLOTS = 60
MAX_TABLES = 200


def take_out(marketplace_id: int, meetings: QuerySet[Meeting]) -> int:
    """Take meetings out of the plan (their requests wait for the next run) and tell the
    people concerned that their plan changed. Returns how many were taken out."""
    sides = set(
        MeetingSeat.objects.filter(meeting__in=meetings).values_list("participant_id", flat=True)
    )
    freed = meetings.count()
    meetings.delete()
    mails.queue_plan_mails(marketplace_id, sides, timezone.now().isoformat())
    return freed


def check_office(user: Any, marketplace_or_event: Marketplace | Event) -> None:
    event = (
        marketplace_or_event.event
        if isinstance(marketplace_or_event, Marketplace)
        else marketplace_or_event
    )
    if user is not None and not runs_event(user, event):
        raise MeetingError(_("Only the office of the event may change this."))


def lock(marketplace: Marketplace) -> Marketplace:
    """The marketplace row, locked until the transaction ends: changes of its set-up and plan
    runs take their turns."""
    return Marketplace.objects.select_for_update().select_related("event").get(pk=marketplace.pk)


@transaction.atomic
def marketplace_open(event: Event, *, acting_user: Any) -> Marketplace:
    """The event's marketplace, created (open for requests) when it has none yet."""
    check_office(acting_user, event)
    marketplace, created = Marketplace.objects.get_or_create(event=event)
    if created:
        audit.record(marketplace, "meetings.marketplace.opened", user=acting_user)
    return marketplace


@transaction.atomic
def marketplace_update(
    marketplace: Marketplace,
    *,
    is_open: bool,
    request_deadline: datetime | None,
    time_zone: str,
    max_requests: int,
    acting_user: Any,
) -> Marketplace:
    check_office(acting_user, marketplace)
    marketplace = lock(marketplace)
    if not 1 <= int(max_requests) <= MAX_REQUESTS_LIMIT:
        raise MeetingError(
            _("Between 1 and %(limit)d requests per participant.") % {"limit": MAX_REQUESTS_LIMIT},
            field="max_requests",
        )
    if request_deadline is not None and request_deadline > marketplace.event.ends_at:
        raise MeetingError(
            _("Requests must close before the event ends."), field="request_deadline"
        )
    marketplace.is_open = bool(is_open)
    marketplace.request_deadline = request_deadline
    marketplace.time_zone = time_zone
    marketplace.max_requests = int(max_requests)
    try:
        marketplace.full_clean(exclude=["event"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise MeetingError(messages[0], field=field) from error
    marketplace.save()
    audit.record(marketplace, "meetings.marketplace.updated", user=acting_user)
    return marketplace


def requests_open_error(marketplace: Marketplace, now: datetime | None = None) -> str:
    """Why participants may not request or answer now ("" when they may)."""
    now = now or timezone.now()
    if not marketplace.is_open:
        return _("The office has closed the marketplace for requests.")
    if marketplace.request_deadline and now > marketplace.request_deadline:
        return _("The deadline for meeting requests has passed.")
    if now > marketplace.event.ends_at:
        return _("The event is over.")
    return ""


@transaction.atomic
def slot_add(
    marketplace: Marketplace,
    *,
    starts_at: datetime,
    ends_at: datetime,
    kind: str = SlotKind.MEETING,
    acting_user: Any,
) -> Slot:
    """A meeting slot or break; slots never overlap and lie within the event's day(s)."""
    check_office(acting_user, marketplace)
    marketplace = lock(marketplace)
    if kind not in SlotKind.values:
        raise MeetingError(_("Please choose meeting slot or break."), field="kind")
    if starts_at is None or ends_at is None or timezone.is_naive(starts_at):
        raise MeetingError(_("Please give start and end."), field="starts_at")
    starts_at = starts_at.replace(second=0, microsecond=0)  # slots run to the minute
    ends_at = ends_at.replace(second=0, microsecond=0)
    if ends_at <= starts_at:
        raise MeetingError(_("A slot ends after it starts."), field="ends_at")
    if ends_at - starts_at > MAX_SLOT_LENGTH:
        raise MeetingError(_("A slot lasts at most four hours."), field="ends_at")
    event = marketplace.event
    day_start = timezone.localtime(event.starts_at).replace(hour=0, minute=0, second=0)
    day_end = timezone.localtime(event.ends_at).replace(hour=23, minute=59, second=59)
    if starts_at < day_start or ends_at > day_end:
        raise MeetingError(_("Slots lie on the days of the event."), field="starts_at")
    if marketplace.slots.count() >= MAX_SLOTS:
        raise MeetingError(_("A marketplace has at most %(n)d slots.") % {"n": MAX_SLOTS})
    if marketplace.slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
        raise MeetingError(_("The slot overlaps another one."), field="starts_at")
    slot = Slot.objects.create(
        marketplace=marketplace, starts_at=starts_at, ends_at=ends_at, kind=kind
    )
    audit.record(marketplace, "meetings.slot.added", user=acting_user, data={"slot": slot.pk})
    return slot


@transaction.atomic
def slot_delete(slot: Slot, *, acting_user: Any) -> int:
    """Remove a slot; its meetings go back to the accepted requests still to be placed.
    Returns how many meetings were taken out of the plan."""
    check_office(acting_user, slot.marketplace)
    lock(slot.marketplace)
    freed = take_out(slot.marketplace_id, slot.meetings.all())
    slot.delete()
    audit.record(slot.marketplace, "meetings.slot.deleted", user=acting_user, data={"freed": freed})
    return freed


@transaction.atomic
def table_add(
    marketplace: Marketplace,
    *,
    name: str,
    kind: str = TableKind.TABLE,
    link: str = "",
    acting_user: Any,
) -> Table:
    check_office(acting_user, marketplace)
    marketplace = lock(marketplace)
    name = " ".join((name or "").split())
    link = (link or "").strip()
    if not name:
        raise MeetingError(_("Please give the table a name."), field="name")
    if kind not in TableKind.values:
        raise MeetingError(_("Please choose table or online room."), field="kind")
    if kind == TableKind.ONLINE and not link:
        raise MeetingError(_("An online room needs its link."), field="link")
    if kind == TableKind.TABLE:
        link = ""
    if marketplace.tables.count() >= MAX_TABLES:
        raise MeetingError(_("A marketplace has at most %(n)d tables.") % {"n": MAX_TABLES})
    table = Table(marketplace=marketplace, name=name, kind=kind, link=link)
    try:
        table.full_clean(exclude=["marketplace"], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise MeetingError(messages[0], field=field) from error
    if link and not link.lower().startswith(("https://", "http://")):
        raise MeetingError(_("The link must start with https://."), field="link")
    try:
        with transaction.atomic():
            table.save()
    except IntegrityError as error:
        raise MeetingError(_("There is already a table of that name."), field="name") from error
    audit.record(marketplace, "meetings.table.added", user=acting_user, data={"table": table.pk})
    return table


@transaction.atomic
def table_delete(table: Table, *, acting_user: Any) -> int:
    """Remove a table; its meetings go back to the requests still to be placed."""
    check_office(acting_user, table.marketplace)
    lock(table.marketplace)
    freed = take_out(table.marketplace_id, table.meetings.all())
    table.delete()
    audit.record(
        table.marketplace, "meetings.table.deleted", user=acting_user, data={"freed": freed}
    )
    return freed
