"""The state of the background work, read from the database: the health check judges it and
the metrics report it, so both read it the same way on every host."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, Count, DateTimeField, F, Min, When
from django.db.models.functions import Greatest
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from innonet.core.models import MailStatus, OutgoingMail, WorkerHeartbeat
from innonet.core.workers import host_key, worker_alive

__all__ = [
    "QueueFigures",
    "WorkerFigures",
    "mails_waiting",
    "task_queues",
    "uses_worker",
    "worker_figures",
]


@dataclass(frozen=True)
class QueueFigures:
    """Tasks of one queue that are ready to run, and how long the oldest of them has waited."""

    waiting: int
    oldest_seconds: float


@dataclass(frozen=True)
class WorkerFigures:
    """Workers alive now, and the seconds since the freshest heartbeat (None without any)."""

    alive: int
    last_heartbeat_seconds: float | None


def _database_backends() -> list[DatabaseBackend]:
    return [b for b in task_backends.all() if isinstance(b, DatabaseBackend)]


def uses_worker() -> bool:
    """Whether tasks wait for a worker; with the immediate backend they run in the request."""
    return bool(_database_backends())


def task_queues(now: datetime) -> dict[str, QueueFigures]:
    """Per queue, tasks ready to run; every configured queue appears, an empty one with 0.

    A task waits from when it was enqueued, or from its `run_after` if that came later (a
    retry planned for later is not late before its time)."""
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
        output_field=DateTimeField(),
    )
    rows = (
        DBTaskResult.objects.ready()
        .order_by()
        .values("queue_name")
        .annotate(waiting=Count("pk"), since=Min(waiting_since))
    )
    queues = {
        queue: QueueFigures(waiting=0, oldest_seconds=0.0)
        for backend in _database_backends()
        for queue in backend.queues
    }
    for row in rows:
        oldest = max((now - row["since"]).total_seconds(), 0.0)
        queues[row["queue_name"]] = QueueFigures(waiting=row["waiting"], oldest_seconds=oldest)
    return queues


def worker_figures(now: datetime) -> WorkerFigures:
    """A worker is alive when it reported within `TASK_LEASE_SECONDS` and, where its process
    can be seen from here, that process still runs (as recovery decides, `core.workers`)."""
    lease = timedelta(seconds=settings.TASK_LEASE_SECONDS)
    here = host_key()
    heartbeats = list(WorkerHeartbeat.objects.all())
    alive = sum(
        1
        for heartbeat in heartbeats
        if now - heartbeat.beat_at < lease and worker_alive(heartbeat, now=now, here=here)
    )
    freshest = max((heartbeat.beat_at for heartbeat in heartbeats), default=None)
    seconds = None if freshest is None else max((now - freshest).total_seconds(), 0.0)
    return WorkerFigures(alive=alive, last_heartbeat_seconds=seconds)


def mails_waiting() -> int:
    """Mails in the outbox that have not gone out yet (waiting or being sent)."""
    return OutgoingMail.objects.filter(status__in=[MailStatus.QUEUED, MailStatus.SENDING]).count()
