"""Figures of newsletter issues: recipients, sent, failed, not sent (blocked or unsubscribed
before sending) and unsubscribed through the issue's links. There is no open or click
tracking, by design; these are all the figures there are."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import Issue, IssueStatus, SubscriptionAction, SubscriptionEvent
from .outbox import batch_figures


@dataclass(frozen=True)
class IssueFigures:
    recipients: int
    queued: int
    sent: int
    failed: int
    suppressed: int
    unsubscribed: int

    @property
    def percent_done(self) -> int:
        if not self.recipients:
            return 0
        return round(100 * (self.recipients - self.queued) / self.recipients)


def issue_figures(issue: Issue) -> IssueFigures:
    figures = batch_figures(issue.batch)
    unsubscribed = SubscriptionEvent.objects.filter(
        issue=issue, action=SubscriptionAction.UNSUBSCRIBED
    ).count()
    return IssueFigures(
        recipients=figures.recipients,
        queued=figures.queued,
        sent=figures.sent,
        failed=figures.failed,
        suppressed=figures.suppressed,
        unsubscribed=unsubscribed,
    )


def recent_issues(limit: int = 20) -> QuerySet[Issue]:
    return Issue.objects.order_by("-created_at", "-id")[:limit]


def scheduled_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(status=IssueStatus.SCHEDULED).order_by("scheduled_for")


def last_sent_issue() -> Issue | None:
    return (
        Issue.objects.filter(status__in=(IssueStatus.SENDING, IssueStatus.SENT))
        .order_by("-started_at", "-id")
        .first()
    )
