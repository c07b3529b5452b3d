"""Asking for a full rebuild of the matching index from the status page."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.tasking import enqueue_on_commit

from .. import search_index
from ..models import IndexState

# A request older than this is taken as lost (the worker was down) and may be repeated.
STUCK_AFTER = timedelta(minutes=30)


def request_rebuild(*, acting_user: User | None) -> bool:
    """Enqueue a rebuild unless one is already waiting or running; True when one was queued."""
    from ..tasks import rebuild_index

    with transaction.atomic():
        row = IndexState.objects.select_for_update().get(pk=search_index.state().pk)
        waiting = row.rebuild_requested_at
        if waiting is not None and timezone.now() - waiting < STUCK_AFTER:
            return False
        row.rebuild_requested_at = timezone.now()
        row.rebuild_done = row.rebuild_total = 0
        row.rebuild_error = ""
        row.save()
        audit.record(row, "matching.index.rebuild_requested", user=acting_user)
        enqueue_on_commit(rebuild_index)
    return True
