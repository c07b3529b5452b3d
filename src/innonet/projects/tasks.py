"""Background work of funding calls: reminder mails two weeks and one week before a deadline.

Saving a call plans one deferred run per deadline and offset (`plan_deadline_reminders`); the
run mails the owners of the projects aimed at the call and the network staff. Each (call,
deadline time, offset, person) is recorded once (`DeadlineReminder`), so a run repeated by the
worker, by `innonet deadline_mails` or after an edit of the call sends nothing twice.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from innonet.accounts.models import Role, User
from innonet.core.outbox import queue_mail
from innonet.core.tasking import enqueue_on_commit, retrying

from . import mails
from .models import CallDeadline, DeadlineReminder, FundingCall, InnovationProject
from .rules import Stage

logger = logging.getLogger(__name__)

# Days before a deadline; a run belongs to the window up to the next (smaller) offset.
REMINDER_OFFSETS = (14, 7)
# Projects that are still working towards a deadline of their call.
WORKING_STAGES = (
    Stage.IDEA,
    Stage.SOUNDING,
    Stage.CONSORTIUM,
    Stage.PREPARATION,
    Stage.SUBMITTED,
)


def due_offset(due_at: datetime, now: datetime) -> int | None:
    """The reminder that is due now for a deadline at `due_at`: 14 between two and one week
    before, 7 in the last week, None before the first window and after the deadline."""
    if now >= due_at:
        return None
    left = due_at - now
    windows = [days for days in REMINDER_OFFSETS if left <= timedelta(days=days)]
    return min(windows) if windows else None


def recipients(call: FundingCall) -> list[Any]:
    """Active staff, and the owners of projects aimed at the call that are still open."""
    owners = InnovationProject.objects.filter(
        call=call, stage__in=WORKING_STAGES, owner__isnull=False
    ).values("owner_id")
    people = User.objects.filter(is_active=True).exclude(email="")
    staff_or_owner = people.filter(role=Role.STAFF) | people.filter(pk__in=owners)
    return list(staff_or_owner.distinct().order_by("pk"))


def _record(deadline: CallDeadline, days: int, person: Any) -> DeadlineReminder | None:
    """The reminder row for this person, or None when it exists already."""
    try:
        with transaction.atomic():
            return DeadlineReminder.objects.create(
                call_id=deadline.call_id,
                label=deadline.label,
                due_at=deadline.due_at,
                days_before=days,
                recipient=person,
            )
    except IntegrityError:
        return None


@retrying(backoff_seconds=300)
def send_deadline_reminders(*, call_id: int, due_at: str, days_before: int) -> int:
    """Record and mail the reminder `days_before` the call's deadline at `due_at`. Does
    nothing when the deadline moved or went, the call is inactive, or it is not yet (or no
    longer) that reminder's turn."""
    due = datetime.fromisoformat(due_at)
    deadline = (
        CallDeadline.objects.filter(
            call_id=call_id, due_at=due, call__is_active=True, call__programme__is_active=True
        )
        .select_related("call")
        .first()
    )
    if deadline is None or due_offset(deadline.due_at, timezone.now()) != days_before:
        return 0
    planned = 0
    with transaction.atomic():
        for person in recipients(deadline.call):
            if _record(deadline, days_before, person) is not None:
                planned += 1
        # Every recorded reminder not yet sent gets its mail task, also those of a run that
        # died between its commit and enqueueing them (the repeated run records nothing new).
        unsent = DeadlineReminder.objects.filter(
            call_id=deadline.call_id,
            due_at=deadline.due_at,
            days_before=days_before,
            sent_at__isnull=True,
        ).values_list("pk", flat=True)
        for reminder_id in unsent:
            enqueue_on_commit(send_deadline_mail, reminder_id=reminder_id)
    return planned


@retrying(backoff_seconds=120)
def send_deadline_mail(*, reminder_id: int) -> bool:
    """Put one recorded reminder into the outbox (once: a sent reminder is not sent again)."""
    reminder = (
        DeadlineReminder.objects.select_related("call__programme", "recipient")
        .filter(pk=reminder_id, sent_at__isnull=True)
        .first()
    )
    if reminder is None or not reminder.recipient.email:
        return False
    with transaction.atomic():
        queue_mail(
            mails.deadline_reminder(reminder),
            key=f"projects.deadline_reminder:{reminder.pk}",
            category="projects.deadline_reminder",
        )
        DeadlineReminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
    return True


def plan_deadline_reminders(call: FundingCall) -> None:
    """After the transaction: one deferred run per deadline and offset (now for a reminder
    that is already due). A backend that cannot defer leaves future ones to the command."""
    now = timezone.now()
    task = send_deadline_reminders
    defer = task.get_backend().supports_defer
    for deadline in call.deadlines.filter(due_at__gt=now):
        current = due_offset(deadline.due_at, now)
        for days in REMINDER_OFFSETS:
            run_at = deadline.due_at - timedelta(days=days)
            kwargs: dict[str, Any] = {
                "call_id": call.pk,
                "due_at": deadline.due_at.isoformat(),
                "days_before": days,
            }
            if days == current:
                enqueue_on_commit(task, **kwargs)
            elif run_at > now and defer:
                enqueue_on_commit(task.using(run_after=run_at), **kwargs)
