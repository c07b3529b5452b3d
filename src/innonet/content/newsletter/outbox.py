"""The newsletter's use of the outbox (core/outbox) in one place: storing mails and reading
an issue's figures."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMultiAlternatives

from innonet.core.models import MailStatus, OutgoingMail
from innonet.core.outbox import batch_figures as outbox_figures
from innonet.core.outbox import queue_mail
from innonet.core.outbox import queue_many as outbox_queue_many

CATEGORY = "newsletter"
CONFIRM_CATEGORY = "newsletter-confirm"


def queue_one(
    message: EmailMultiAlternatives, *, key: str, acting_user: Any = None
) -> list[OutgoingMail]:
    """A single mail (confirmation, test send), sent as soon as the transaction commits."""
    category = CONFIRM_CATEGORY if key.startswith("newsletter-confirm") else CATEGORY
    return queue_mail(message, key=key, category=category, acting_user=acting_user)


def queue_many(messages: Sequence[tuple[EmailMultiAlternatives, str]], *, batch: str) -> int:
    """Store (message, key) pairs of one batch in one bulk insert; keys stored before are
    left alone. The sender is enqueued once, when the transaction commits."""
    return outbox_queue_many(
        ((key, message) for message, key in messages), category=CATEGORY, batch=batch
    )


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
    counts = outbox_figures(batch)
    return Figures(
        recipients=sum(counts.values()),
        queued=counts[MailStatus.QUEUED] + counts[MailStatus.SENDING],
        sent=counts[MailStatus.SENT],
        failed=counts[MailStatus.FAILED],
        suppressed=counts[MailStatus.SUPPRESSED],
    )
