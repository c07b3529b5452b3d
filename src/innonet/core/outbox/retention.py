"""Retention of the outbox: the text of a mail is kept for OUTBOX_RETENTION_DAYS after it was
sent (or given up), for questions like "what did we write to her?"; then only who got which
kind of mail when stays."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from innonet.core.models import MailStatus, OutgoingMail

__all__ = ["CLEARED", "outbox_prune"]

CLEARED = "[removed after the retention period]"
DONE = (MailStatus.SENT, MailStatus.FAILED, MailStatus.SUPPRESSED)


def outbox_prune(*, days: int | None = None) -> int:
    """Clear the bodies of finished rows older than `days`; returns the rows cleared."""
    cutoff = timezone.now() - timedelta(days=days or settings.OUTBOX_RETENTION_DAYS)
    return (
        OutgoingMail.objects.filter(status__in=DONE, created_at__lt=cutoff)
        .exclude(body_text=CLEARED)
        .update(body_text=CLEARED, body_html="", headers={})
    )
