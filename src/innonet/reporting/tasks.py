"""Background work of the reporting app."""

from django_tasks import task

from . import caching


@task()
def refresh_figures(name: str, parts: list, language: str) -> None:
    """Compute cached figures again after the data changed (reporting.caching)."""
    caching.refresh(name, tuple(parts), language)
