"""Background work of the newsletter: materialise an issue's recipients into the outbox.

`send_issue` stores one outbox row per (issue, subscription) under the key
`newsletter:<issue>:<subscription>`, CHUNK recipients per transaction, and records the last
subscription done on the issue. A run that dies in the middle is run again (by the retry or
the worker's recovery) and goes on after the mark; the keys make a repeated chunk store
nothing twice."""

import logging

from django.utils import timezone

from innonet.core.tasking import enqueue_on_commit, retrying

from .models import Issue, IssueStatus

logger = logging.getLogger(__name__)

CHUNK = 200


@retrying(backoff_seconds=60)
def send_issue(*, issue_id: int) -> int:
    """Materialise the recipients of a due issue; the number of chunks stored."""
    from .services import newsletter as services

    if not Issue.objects.filter(pk=issue_id).exists():
        return 0
    if not services.issue_start_sending(issue_id):
        return 0
    chunks = 0
    while services.issue_materialise_chunk(issue_id, chunk=CHUNK):
        chunks += 1
    logger.info("newsletter issue %s: %d chunks stored", issue_id, chunks)
    return chunks


def plan_issue(issue: Issue) -> None:
    """Enqueue the sending run for the issue's time (at once when it has come)."""
    task = send_issue
    when = issue.scheduled_for
    if when and when > timezone.now():
        if not task.get_backend().supports_defer:
            return  # a backend without deferral: `send_due_issues` picks it up
        task = task.using(run_after=when)
    enqueue_on_commit(task, issue_id=issue.pk)


@retrying(backoff_seconds=300)
def send_due_issues() -> int:
    """Every scheduled issue whose time has come, and every issue left `sending`, is sent
    (or resumed); the number of issues handled."""
    due = Issue.objects.filter(
        status__in=(IssueStatus.SCHEDULED, IssueStatus.SENDING),
        scheduled_for__lte=timezone.now(),
    ).values_list("pk", flat=True)
    handled = 0
    for issue_id in list(due):
        send_issue.call(issue_id=issue_id)
        handled += 1
    return handled
