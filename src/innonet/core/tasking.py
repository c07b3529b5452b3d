"""Background task helpers: enqueue after commit, retry a failing task with backoff, and say
what happens when a worker dies in the middle of a task.

django-tasks records one result row per run. A task wrapped with `retrying` that raises is
enqueued again (later, when the backend can defer) until `settings.TASK_MAX_ATTEMPTS` runs have
failed; each failed run stays visible on the staff task page with its traceback. A run whose
worker died is marked failed by `core.workers`; `retrying` tasks then run again, and the
handlers registered with `on_interrupted` put the objects waiting on the task right. A task
that neither runs again nor has a handler is declared `safe_to_lose`, saying which later run
redoes its work; `interruption_plan` tells the three apart (a test requires one for every task).
"""

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task as make_task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "attempt"

InterruptHandler = Callable[..., None]
_INTERRUPT_HANDLERS: dict[str, list[InterruptHandler]] = {}
_SAFE_TO_LOSE: dict[str, str] = {}


def enqueue_on_commit(task: Task, /, *, using: str | None = None, **kwargs: Any) -> None:
    """Enqueue `task` with `kwargs` so that it runs only once the current transaction has
    committed (at once outside one).

    Tasks take primary keys and load their objects, so they must not run before the rows they
    read are visible to the worker. With the database backend on the same database the task's
    row is written inside the transaction: it becomes visible with the data, and the two are
    stored together or not at all (enqueueing after the commit could fail when the database
    went away in between, leaving e.g. a registration without its confirmation mail). Other
    backends are handed the task after the commit.
    """
    if _stored_with_the_transaction(task, using):
        task.enqueue(**kwargs)
        return
    transaction.on_commit(lambda: task.enqueue(**kwargs), using=using)


def _stored_with_the_transaction(task: Task, using: str | None) -> bool:
    from django.db import router
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    alias = using or "default"
    backend = task.get_backend()
    return (
        isinstance(backend, DatabaseBackend)
        and router.db_for_write(DBTaskResult) == alias
        and transaction.get_connection(alias).in_atomic_block
    )


def backoff_delay(attempt: int, *, base_seconds: int) -> timedelta:
    """Wait before run `attempt + 1`: base, 4 x base, 16 x base, ... capped at one day."""
    return timedelta(seconds=min(base_seconds * 4 ** (attempt - 1), 86400))


def retrying(
    *,
    max_attempts: int | None = None,
    backoff_seconds: int = 30,
    retry_on: tuple[type[Exception], ...] = (Exception,),
    retry_interrupted: bool = True,
    **task_options: Any,
) -> Callable[[Callable[..., Any]], Task]:
    """Turn a module-level function into a task that is re-enqueued when it raises `retry_on`
    or, with `retry_interrupted`, when its worker died during the run.

    The run number travels as the keyword argument `attempt` (1 for the first run), so it shows
    on the task page. The last failed run, and any other exception, re-raise without retrying.
    """

    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
            try:
                return func(*args, **kwargs)
            except retry_on:
                limit = max_attempts or settings.TASK_MAX_ATTEMPTS
                name = func.__qualname__
                if attempt >= limit:
                    logger.error("task %s failed for good after %d attempts", name, attempt)
                    raise
                delay = backoff_delay(attempt, base_seconds=backoff_seconds)
                logger.warning(
                    "task %s failed (attempt %d of %d), retrying in %ds",
                    name,
                    attempt,
                    limit,
                    delay.total_seconds(),
                )
                _enqueue_retry(wrapped, args, {**kwargs, ATTEMPT_KWARG: attempt + 1}, delay)
                raise

        run.retry_interrupted = retry_interrupted  # type: ignore[attr-defined]
        run.max_attempts = max_attempts  # type: ignore[attr-defined]
        wrapped = make_task(**task_options)(run)
        return wrapped

    return decorate


def _enqueue_retry(task: Task, args: tuple, kwargs: dict[str, Any], delay: timedelta) -> None:
    """Enqueue the next run; deferred where the backend can, at once where it cannot."""
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(*args, **kwargs)


def interrupted_retry_kwargs(task: Task, kwargs: dict[str, Any]) -> dict[str, Any] | None:
    """The keyword arguments of the next run after a run of `task` lost its worker, or None
    when the task is not to run again by itself (not `retrying`, or its attempts are used up)."""
    if not getattr(task.func, "retry_interrupted", False):
        return None
    attempt = kwargs.get(ATTEMPT_KWARG, 1)
    attempt = attempt if isinstance(attempt, int) else 1
    if attempt >= (getattr(task.func, "max_attempts", None) or settings.TASK_MAX_ATTEMPTS):
        return None
    return {**kwargs, ATTEMPT_KWARG: attempt + 1}


def on_interrupted(*tasks: Task) -> Callable[[InterruptHandler], InterruptHandler]:
    """Register `handler(kwargs, retried=...)` for runs of `tasks` whose worker died.

    It runs in the transaction that marks the run failed, so the objects waiting on the task
    (an import job, a progress row) never say "running" after their task has stopped.
    """

    def register(handler: InterruptHandler) -> InterruptHandler:
        for task in tasks:
            _INTERRUPT_HANDLERS.setdefault(task.module_path, []).append(handler)
        return handler

    return register


def interrupt_handlers(task_path: str) -> list[InterruptHandler]:
    """The handlers registered for the task at `task_path` (its module is imported by then)."""
    return list(_INTERRUPT_HANDLERS.get(task_path, ()))


def safe_to_lose(*, because: str) -> Callable[[Task], Task]:
    """Declare that a run of the decorated task whose worker died may simply be lost:
    `because` names the later run that redoes its work (the decisions record lists them)."""

    def declare(task: Task) -> Task:
        _SAFE_TO_LOSE[task.module_path] = because
        return task

    return declare


def interruption_plan(task: Task) -> str | None:
    """What happens to a run of `task` whose worker died: "retried" (runs again), "handled"
    (an `on_interrupted` handler marks what waited on it), both joined by "+", or
    "safe to lose: <why>"; None when nobody decided."""
    plans = []
    if getattr(task.func, "retry_interrupted", False):
        plans.append("retried")
    if interrupt_handlers(task.module_path):
        plans.append("handled")
    if task.module_path in _SAFE_TO_LOSE:
        plans.append(f"safe to lose: {_SAFE_TO_LOSE[task.module_path]}")
    return "+".join(plans) or None
