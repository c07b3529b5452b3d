"""Background workers report that they live; tasks whose worker died are found and released.

Every `innonet db_worker` registers a `WorkerHeartbeat` at start and renews it from a thread.
A task result left RUNNING is interrupted when its worker is gone: where the worker's process
can be seen (same kernel and process namespace) the process is looked up, elsewhere its
heartbeat must be older than `TASK_LEASE_SECONDS`. Recovery marks the run failed with
`WorkerLost`, runs `retrying` tasks again and calls the task's `on_interrupted` handlers, all in
one transaction per run (RELIABILITY item 42).
"""

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat
from .tasking import interrupt_handlers, interrupted_retry_kwargs

logger = logging.getLogger(__name__)

PROC = Path("/proc")


class WorkerLost(Exception):  # noqa: N818 - the name says what happened, as it shows on the task page
    """The worker running a task stopped (killed, crashed, machine gone) before it finished."""


@dataclass(frozen=True)
class Recovered:
    """One task run found interrupted: its result id, task path and whether it runs again."""

    result_id: str
    task_path: str
    retried: bool


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def host_key() -> str:
    """Equal for two processes exactly when each can look up the other's pid."""
    boot = _read(PROC / "sys/kernel/random/boot_id")
    try:
        namespace = os.stat(PROC / "self/ns/pid").st_ino
    except OSError:
        namespace = 0
    if boot and namespace:
        return f"{boot}:{namespace}"
    return f"host:{socket.gethostname()}"


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name, or None without the process."""
    text = _read(PROC / str(pid) / "stat")
    if not text:
        return None
    return text.rpartition(")")[2].split()


def process_started(pid: int) -> str:
    """The kernel's start time of process `pid` (clock ticks since boot), "" if unknown."""
    fields = _stat_fields(pid)
    return fields[19] if fields and len(fields) > 19 else ""


def process_alive(pid: int, started: str) -> bool:
    """Whether process `pid` still runs and is the one that started at `started`."""
    if not PROC.joinpath("self/stat").exists():  # no /proc: ask the kernel directly
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    fields = _stat_fields(pid)
    if fields is None or fields[0] in ("Z", "X"):  # gone, or a zombie nobody has reaped
        return False
    return not started or process_started(pid) == started


def worker_register(worker_id: str) -> WorkerHeartbeat:
    """Record (or renew) the running worker `worker_id` as this process."""
    now = timezone.now()
    pid = os.getpid()
    heartbeat, _created = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "host_key": host_key()[:200],
            "pid": pid,
            "process_started": process_started(pid),
            "started_at": now,
            "beat_at": now,
        },
    )
    return heartbeat


def worker_beat(worker_id: str) -> None:
    """Renew the worker's lease; register again if recovery had given it up for dead."""
    if not WorkerHeartbeat.objects.filter(pk=worker_id).update(beat_at=timezone.now()):
        worker_register(worker_id)


def worker_unregister(worker_id: str) -> None:
    """Remove a worker that stops cleanly."""
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


def worker_alive(heartbeat: WorkerHeartbeat, *, now: datetime, here: str) -> bool:
    """Alive: its process runs (when we can see it) or its lease has not run out."""
    if heartbeat.host_key == here:
        return process_alive(heartbeat.pid, heartbeat.process_started)
    return now - heartbeat.beat_at < timedelta(seconds=settings.TASK_LEASE_SECONDS)


def interrupted_tasks_recover() -> list[Recovered]:
    """Find task runs whose worker is gone and release them; forget dead workers.

    Safe to call from any process at any time (worker start, the worker's timer, a page).
    """
    now = timezone.now()
    here = host_key()
    heartbeats = {heartbeat.pk: heartbeat for heartbeat in WorkerHeartbeat.objects.all()}
    dead = {
        pk: heartbeat
        for pk, heartbeat in heartbeats.items()
        if not worker_alive(heartbeat, now=now, here=here)
    }
    lease = timedelta(seconds=settings.TASK_LEASE_SECONDS)
    recovered = []
    for result in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        worker = (result.worker_ids or [""])[-1]
        # A worker registers before it claims anything; a missing row means it is gone, but
        # a worker of another kind (without heartbeats) is given the lease first.
        unknown = worker not in heartbeats and (result.started_at or now) < now - lease
        if worker in dead or unknown:
            found = _recover(str(result.pk), worker, dead.get(worker))
            if found is not None:
                recovered.append(found)
    if dead:
        WorkerHeartbeat.objects.filter(pk__in=dead).delete()
    return recovered


def worker_tasks_release(worker_id: str) -> list[Recovered]:
    """Release the runs that the live worker `worker_id` left RUNNING when the database went
    away under it (the run could not even be marked failed)."""
    recovered = []
    for result in DBTaskResult.objects.running().only("id", "worker_ids"):
        if (result.worker_ids or [""])[-1] == worker_id:
            found = _recover(str(result.pk), worker_id, None, reason=DATABASE_LOST)
            if found is not None:
                recovered.append(found)
    return recovered


DATABASE_LOST = "The database went away while the task ran."


def _reason(worker: str, heartbeat: WorkerHeartbeat | None) -> str:
    if heartbeat is None:
        return f"The worker {worker} stopped reporting before the task finished."
    return (
        f"The worker {worker} (process {heartbeat.pid} on {heartbeat.host}) stopped before the "
        "task finished."
    )


def _recover(
    result_id: str, worker: str, heartbeat: WorkerHeartbeat | None, *, reason: str = ""
) -> Recovered | None:
    """Mark one run failed, enqueue its next run if it may, and tell its handlers."""
    with transaction.atomic():
        result = DBTaskResult.objects.select_for_update().filter(pk=result_id).first()
        if result is None or result.status != TaskResultStatus.RUNNING:
            return None  # finished, or recovered by another process meanwhile
        if (result.worker_ids or [""])[-1] != worker:
            return None
        result.set_failed(WorkerLost(reason or _reason(worker, heartbeat)))
        args = result.args_kwargs.get("args") or []
        kwargs = result.args_kwargs.get("kwargs") or {}
        task = _load(result.task_path)  # imports the task's module, registering its handlers
        retried = task is not None and _enqueue_again(task, result, args, kwargs)
        for handler in interrupt_handlers(result.task_path):
            try:
                with transaction.atomic():
                    handler(kwargs, retried=retried)
            except Exception:
                logger.exception("interrupt handler of %s failed", result.task_path)
    logger.warning(
        "task %s (%s) was interrupted: its worker %s is gone; %s",
        result.task_path,
        result_id,
        worker,
        "it runs again" if retried else "it can be started again",
        extra={"event": "tasks.run.interrupted", "data": {"retried": retried}},
    )
    return Recovered(result_id=result_id, task_path=result.task_path, retried=retried)


def _load(task_path: str) -> Task | None:
    try:
        task = import_string(task_path)
    except ImportError:
        return None
    return task if isinstance(task, Task) else None


def _enqueue_again(task: Task, result: DBTaskResult, args: list, kwargs: dict) -> bool:
    next_kwargs = interrupted_retry_kwargs(task, kwargs)
    if next_kwargs is None:
        return False
    task.using(
        priority=result.priority, queue_name=result.queue_name, backend=result.backend_name
    ).enqueue(*args, **next_kwargs)
    return True
