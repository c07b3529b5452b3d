"""Reads of the outbox: figures per batch (a newsletter issue), what waits for the staff."""

from django.db.models import Count, Q, QuerySet

from innonet.core.models import MailStatus, OutgoingMail

__all__ = ["attention_rows", "batch_figures", "needs_attention", "rows_for_addresses"]

# Failed rows, and rows waiting after a temporary failure.
ATTENTION = Q(status=MailStatus.FAILED) | Q(status=MailStatus.QUEUED, attempts__gt=0)


def batch_figures(batch: str) -> dict[str, int]:
    """How many rows of `batch` have each status (every status present, zero when none)."""
    counts = dict(
        OutgoingMail.objects.filter(batch=batch)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in MailStatus.values}


def attention_rows() -> QuerySet[OutgoingMail]:
    """The mails the office should look at: failed, or waiting after a failed attempt."""
    return OutgoingMail.objects.filter(ATTENTION)


def needs_attention() -> dict[str, int]:
    """Failed rows, and rows waiting after a temporary failure: what the office should see."""
    return OutgoingMail.objects.aggregate(
        failed=Count("id", filter=Q(status=MailStatus.FAILED)),
        waiting=Count("id", filter=Q(status=MailStatus.QUEUED, attempts__gt=0)),
    )


def rows_for_addresses(addresses: set[str]) -> QuerySet[OutgoingMail]:
    """The rows sent (or to be sent) to any of `addresses`, whatever their case."""
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(to_address__iexact=address)
    return OutgoingMail.objects.filter(condition)
