"""When the sender runs next: after a temporary failure or a lost connection the rows wait
(`not_before`), and one deferred run of the sender task is planned for the earliest of them."""

import logging

from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from .sending import due_rows, next_due_at

__all__ = ["enqueue_sender", "outbox_nudge", "plan_next_run"]

logger = logging.getLogger(__name__)


def plan_next_run() -> bool:
    """Enqueue one deferred sender run for the next row that becomes due, unless a run is
    already waiting for that time. Backends that cannot defer (immediate, in tests) plan
    nothing: their rows go with the next mail queued, or with `innonet outbox_send`."""
    from innonet.core.tasks import send_outbox

    when = next_due_at()
    backend = send_outbox.get_backend()
    if when is None or not backend.supports_defer:
        return False
    if isinstance(backend, DatabaseBackend):
        planned = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=send_outbox.module_path
        )
        # run_after holds the largest date for "as soon as possible"
        if planned.filter(Q(run_after__lte=when) | Q(run_after=get_date_max())).exists():
            return False
    send_outbox.using(run_after=when).enqueue()
    logger.info("outbox: next run planned for %s", when.isoformat())
    return True


def outbox_nudge() -> bool:
    """Enqueue a sender run when mails are due and no run waits or runs: the safety net for
    a sender task lost between a commit and its enqueueing, run from the worker's heartbeat."""
    from innonet.core.tasks import send_outbox

    if not isinstance(send_outbox.get_backend(), DatabaseBackend) or not due_rows().exists():
        return False
    active = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    pending = DBTaskResult.objects.filter(task_path=send_outbox.module_path, status__in=active)
    if pending.filter(Q(run_after__lte=timezone.now()) | Q(run_after=get_date_max())).exists():
        return False
    send_outbox.enqueue()
    logger.info("outbox: mails were due without a sender run; one is enqueued")
    return True


def enqueue_sender() -> None:
    """Enqueue a sender run for mails just committed, unless one waits to start already: that
    run reads the due rows when it starts, after this commit, so it takes them too (sixty
    registrations in a minute are one run, not sixty). A run that is already running may have
    read its rows before, so it does not count."""
    from innonet.core.tasks import send_outbox

    if isinstance(send_outbox.get_backend(), DatabaseBackend):
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=send_outbox.module_path
        ).filter(Q(run_after__lte=timezone.now()) | Q(run_after=get_date_max()))
        if waiting.exists():
            return
    send_outbox.enqueue()
