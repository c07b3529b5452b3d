"""Background work of matchmaking: keep the index fresh, rebuild it, send introduction mails."""

import logging

from django.utils import timezone
from django_tasks import task

from innonet.core.tasking import retrying

from . import search_index
from .models import IndexState

logger = logging.getLogger(__name__)


@retrying(backoff_seconds=30)
def refresh_index(*, keys: list[str]) -> int:
    """Apply changed records to the shared index (one task per committed change)."""
    return search_index.refresh(keys)


@task()
def rebuild_index() -> int:
    """Rebuild the whole index, recording progress on the state row for the status page."""

    def progress(done: int, total: int) -> None:
        IndexState.objects.filter(pk=search_index.state().pk).update(
            rebuild_done=done, rebuild_total=total
        )

    try:
        index = search_index.rebuild(progress=progress)
    except Exception as error:
        IndexState.objects.filter(pk=search_index.state().pk).update(
            rebuild_requested_at=None, rebuild_error=str(error)[:500]
        )
        raise
    IndexState.objects.filter(pk=search_index.state().pk).update(
        rebuild_requested_at=None, rebuild_error="", updated_at=timezone.now()
    )
    return len(index)
