"""Background work of reporting: generating an issued report. Tasks take ids and call a
service."""

from typing import Any

from django_tasks import task

from innonet.core.tasking import on_interrupted, retrying, safe_to_lose

from . import caching, services


# Generating is safe to repeat (the content is frozen once, files are made when missing), so a
# run whose worker died runs again; its own errors leave the report failed and are not retried.
@retrying(retry_on=())
def report_generate_task(*, report_id: int) -> str:
    """Freeze and render one issued report; returns its final status."""
    report = services.report_generate(report_id)
    return report.status if report is not None else "missing"


@on_interrupted(report_generate_task)
def release_report(kwargs: dict[str, Any], *, retried: bool) -> None:
    """The worker died during the generation: the report never stays 'being generated'."""
    services.release_interrupted(kwargs.get("report_id"), retried=retried)


# The next page that finds the figures stale enqueues a refresh again once the refresh lock has
# run out (REFRESH_LOCK_SECONDS), and after STALE_SECONDS a page computes them itself.
@safe_to_lose(because="the next page that finds the figures stale refreshes them again")
@task()
def refresh_figures(name: str, parts: list, language: str) -> None:
    """Compute cached figures again after the data changed (reporting.caching)."""
    caching.refresh(name, tuple(parts), language)
