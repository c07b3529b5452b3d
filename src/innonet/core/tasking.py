"""Background task helpers: enqueue after commit, and retry a failing task with backoff.

django-tasks records one result row per run. A task wrapped with `retrying` that raises is
enqueued again (later, when the backend can defer) until `settings.TASK_MAX_ATTEMPTS` runs have
failed; each failed run stays visible on the staff task page with its traceback.
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


def enqueue_on_commit(task: Task, /, *, using: str | None = None, **kwargs: Any) -> None:
    """Enqueue `task` with `kwargs` once the current transaction commits (at once outside one).

    Tasks take primary keys and load their objects, so they must not run before the rows they
    read are visible to the worker.
    """
    transaction.on_commit(lambda: task.enqueue(**kwargs), using=using)


def backoff_delay(attempt: int, *, base_seconds: int) -> timedelta:
    """Wait before run `attempt + 1`: base, 4 x base, 16 x base, ... capped at one day."""
    return timedelta(seconds=min(base_seconds * 4 ** (attempt - 1), 86400))


def retrying(
    *,
    max_attempts: int | None = None,
    backoff_seconds: int = 30,
    retry_on: tuple[type[Exception], ...] = (Exception,),
    **task_options: Any,
) -> Callable[[Callable[..., Any]], Task]:
    """Turn a module-level function into a task that is re-enqueued when it raises `retry_on`.

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

        wrapped = make_task(**task_options)(run)
        return wrapped

    return decorate


def _enqueue_retry(task: Task, args: tuple, kwargs: dict[str, Any], delay: timedelta) -> None:
    """Enqueue the next run; deferred where the backend can, at once where it cannot."""
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(*args, **kwargs)
