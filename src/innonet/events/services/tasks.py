"""Follow-up tasks of the office around an event."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import Event, EventTask


@transaction.atomic
def event_task_add(
    event: Event,
    *,
    title: str,
    assignee: Any = None,
    due_on: date | None = None,
    acting_user: User | None,
) -> EventTask:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Please describe the task."), field="title")
    task = EventTask.objects.create(
        event=event, title=title[:200], assignee=assignee, due_on=due_on
    )
    audit.record(event, "events.task.added", user=acting_user, data={"task": task.pk})
    return task


@transaction.atomic
def event_task_done(task: EventTask, *, done: bool = True, acting_user: User | None) -> EventTask:
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at", "updated_at"])
    audit.record(task.event, "events.task.done", user=acting_user, data={"task": task.pk})
    return task
