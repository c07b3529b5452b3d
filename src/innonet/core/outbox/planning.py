"""When the sender runs next: after a temporary failure or a lost connection the rows wait
(`not_before`), and one deferred run of the sender task is planned for the earliest of them."""

import logging

from django.db.models import Q
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from .sending import next_due_at

__all__ = ["plan_next_run"]

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
