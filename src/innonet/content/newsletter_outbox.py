"""The newsletter's use of the outbox (core/outbox) in one place: storing mails and reading
an issue's figures. When the outbox gains a bulk `queue_many` and `batch_figures`, these
functions hand over to them."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, Q

from innonet.core.models import MailStatus, OutgoingMail
from innonet.core.outbox import queue_mail

CATEGORY = "newsletter"
CONFIRM_CATEGORY = "newsletter-confirm"


def queue_one(
    message: EmailMultiAlternatives, *, key: str, acting_user: Any = None
) -> list[OutgoingMail]:
    """A single mail (confirmation, test send), sent as soon as the transaction commits."""
    category = CONFIRM_CATEGORY if key.startswith("newsletter-confirm") else CATEGORY
    return queue_mail(message, key=key, category=category, acting_user=acting_user)


def queue_many(messages: Sequence[tuple[EmailMultiAlternatives, str]], *, batch: str) -> int:
    """Store (message, key) pairs of one batch; keys stored before are left alone. The sender
    is enqueued once, when the transaction commits."""
    for index, (message, key) in enumerate(messages):
        queue_mail(
            message, key=key, category=CATEGORY, batch=batch, send=index == len(messages) - 1
        )
    return len(messages)


def batch_size(batch: str) -> int:
    return OutgoingMail.objects.filter(batch=batch).count()


@dataclass(frozen=True)
class Figures:
    recipients: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    suppressed: int = 0


def batch_figures(batch: str) -> Figures:
    """How many mails of the batch are stored, waiting, sent, failed and suppressed."""
    counts = OutgoingMail.objects.filter(batch=batch).aggregate(
        recipients=Count("pk"),
        queued=Count("pk", filter=Q(status__in=(MailStatus.QUEUED, MailStatus.SENDING))),
        sent=Count("pk", filter=Q(status=MailStatus.SENT)),
        failed=Count("pk", filter=Q(status=MailStatus.FAILED)),
        suppressed=Count("pk", filter=Q(status=MailStatus.SUPPRESSED)),
    )
    return Figures(**counts)
