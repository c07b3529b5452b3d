"""The detailed health check: each check probes one part the platform needs and says how it
found it; `run_checks` runs them all, times each and never raises.

A check returns a `Finding` or raises; an exception is the finding "failed" with its type and
message, so a broken part shows by name instead of as a 500. "failed" means the site cannot
work (database, cache, file storage); "degraded" means the site serves but background work
lags (no live worker, a long task queue). Any finding other than "ok" makes the answer a 503.
"""

import logging
import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from . import figures

__all__ = ["CHECKS", "Finding", "Report", "Status", "run_checks"]

logger = logging.getLogger(__name__)

PROBE = b"innonet health probe"
MESSAGE_LENGTH = 300


class Status(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    FAILED = "failed"


SEVERITY = {Status.OK: 0, Status.DEGRADED: 1, Status.FAILED: 2}


@dataclass(frozen=True)
class Finding:
    """What one check found: its status, a message when not ok, and figures worth seeing."""

    status: Status = Status.OK
    message: str = ""
    figures: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    name: str
    finding: Finding
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"status": self.finding.status, "seconds": round(self.seconds, 4)}
        if self.finding.message:
            entry["message"] = self.finding.message
        return {**entry, **self.finding.figures}


@dataclass(frozen=True)
class Report:
    """Every check's result; the status is the worst of them."""

    results: list[Result]

    @property
    def status(self) -> Status:
        return max((r.finding.status for r in self.results), key=SEVERITY.__getitem__)

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "checks": {r.name: r.as_dict() for r in self.results}}


Check = Callable[[], Finding]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under `name`; checks run in the order they are registered."""

    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


@check("database")
def database() -> Finding:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Finding()


@check("cache")
def cache() -> Finding:
    """Every configured cache stores, returns and forgets a value (a key of its own per probe,
    so two servers probing at once do not read each other's)."""
    for alias in settings.CACHES:
        backend = caches[alias]
        key, value = f"health-probe:{uuid.uuid4().hex}", uuid.uuid4().hex
        backend.set(key, value, timeout=60)
        found = backend.get(key)
        backend.delete(key)
        if found != value:
            return Finding(Status.FAILED, f"the cache {alias!r} did not return a stored value")
    return Finding()


@check("storage")
def storage() -> Finding:
    """The default file storage (uploads) writes, reads and deletes a small file."""
    name = default_storage.save(f"health-probe-{uuid.uuid4().hex}.txt", ContentFile(PROBE))
    try:
        with default_storage.open(name) as handle:
            content = handle.read()
    finally:
        default_storage.delete(name)
    if content != PROBE:
        return Finding(Status.FAILED, "the file storage returned other content than was written")
    return Finding()


@check("worker")
def worker() -> Finding:
    if not figures.uses_worker():
        return Finding(message="tasks run inside the request; no worker is needed")
    found = figures.worker_figures(timezone.now())
    values = {"alive": found.alive, "last_heartbeat_seconds": found.last_heartbeat_seconds}
    if found.alive == 0:
        return Finding(
            Status.DEGRADED,
            f"no background worker has reported in the last {settings.TASK_LEASE_SECONDS} s",
            values,
        )
    return Finding(figures=values)


@check("task_backlog")
def task_backlog() -> Finding:
    """Tasks ready to run: too many, or the oldest waiting too long, means the workers lag."""
    queues = figures.task_queues(timezone.now())
    waiting = sum(queue.waiting for queue in queues.values())
    oldest = max((queue.oldest_seconds for queue in queues.values()), default=0.0)
    values = {"waiting": waiting, "oldest_seconds": round(oldest, 1)}
    problems = []
    if waiting > settings.HEALTH_MAX_WAITING_TASKS:
        problems.append(f"{waiting} tasks wait (more than {settings.HEALTH_MAX_WAITING_TASKS})")
    if oldest > settings.HEALTH_MAX_TASK_WAIT_SECONDS:
        problems.append(
            f"the oldest task has waited {oldest:.0f} s "
            f"(more than {settings.HEALTH_MAX_TASK_WAIT_SECONDS} s)"
        )
    if problems:
        return Finding(Status.DEGRADED, "; ".join(problems), values)
    return Finding(figures=values)


def _confined() -> AbstractContextManager[Any]:
    """Inside a transaction a failed query would abort it for the checks after it; a
    savepoint keeps the failure to its check. Outside one (a normal request) none is needed,
    and none is wanted: with the database down, opening one would fail every check."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _run(name: str, function: Check) -> Result:
    started = time.perf_counter()
    try:
        with _confined():
            finding = function()
    except Exception as error:  # any failure of the probed part is the finding itself
        message = f"{type(error).__name__}: {error}"[:MESSAGE_LENGTH]
        finding = Finding(Status.FAILED, message)
    seconds = time.perf_counter() - started
    if finding.status is not Status.OK:
        logger.warning(
            "health check %s: %s: %s",
            name,
            finding.status,
            finding.message,
            extra={"event": "health.check.problem", "data": {"check": name}},
        )
    return Result(name=name, finding=finding, seconds=seconds)


def run_checks() -> Report:
    """Run every registered check, one after the other."""
    return Report(results=[_run(name, function) for name, function in CHECKS.items()])
