"""Indicators of the newsletter: issues sent and recipients reached in the period. The
newsletter has no open or click tracking, so these are all its figures."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from innonet.content.models import Issue
from innonet.core.models import MailStatus, OutgoingMail

from .facts import Facts, local_day
from .periods import Period
from .registry import indicator
from .results import Record, Result

ACTIVITY = "activity"
NEWSLETTER_SOURCE = gettext_lazy("Newsletter issues and the outbox's sent mails")


def _issues(facts: Facts) -> list[tuple[int, object, int]]:
    """(issue, day sending started, mails sent) of every issue up to the facts' day; for a
    network's figures only the issues sent to that network's contacts."""

    def load():
        issues = Issue.objects.filter(started_at__isnull=False)
        if facts.network is not None:
            issues = issues.filter(network=facts.network)
        sent = dict(
            OutgoingMail.objects.filter(batch__startswith="newsletter:")
            .values("batch")
            .annotate(n=Count("pk", filter=Q(status=MailStatus.SENT)))
            .values_list("batch", "n")
        )
        rows = []
        for pk, started in issues.values_list("pk", "started_at"):
            day = local_day(started)
            if day is not None and day <= facts.as_of:
                rows.append((pk, day, sent.get(f"newsletter:{pk}", 0)))
        return rows

    return facts.memo("newsletter_issues", load)


def _in(facts: Facts, period: Period) -> list[tuple[int, object, int]]:
    return [row for row in _issues(facts) if period.contains(row[1])]


@indicator(
    "newsletter_issues", ACTIVITY, gettext_lazy("Newsletter issues sent"),
    gettext_lazy(
        "Newsletter issues whose sending started in the period; for a network, the issues "
        "sent to the contacts of its members."
    ),
    NEWSLETTER_SOURCE, record_kind="newsletter_issue",
)  # fmt: skip
def newsletter_issues(facts: Facts, period: Period) -> Result:
    rows = _in(facts, period)
    return Result(len(rows), tuple(Record("newsletter_issue", pk, day) for pk, day, _n in rows))


@indicator(
    "newsletter_recipients", ACTIVITY, gettext_lazy("Newsletter recipients reached"),
    gettext_lazy(
        "Newsletter mails the mail server accepted, for the issues whose sending started in the "
        "period; a subscriber counts once per issue. Failed, blocked and withdrawn mails do not "
        "count. Whether a mail was opened is not known: the newsletter has no tracking."
    ),
    NEWSLETTER_SOURCE, record_kind="newsletter_issue",
)  # fmt: skip
def newsletter_recipients(facts: Facts, period: Period) -> Result:
    rows = _in(facts, period)
    return Result(
        sum(n for _pk, _day, n in rows),
        tuple(Record("newsletter_issue", pk, day) for pk, day, _n in rows),
    )
