import logging
import smtplib
import uuid
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from innonet.core.models import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BATCH = 50


def _lease(owner: str, limit: int) -> list[OutgoingMail]:
    """Take up to `limit` due rows for `owner`: queued ones, and sending ones whose lease ran
    out (their worker died)."""
    now = timezone.now()
    with transaction.atomic():
        due = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=MailStatus.QUEUED, not_before__isnull=True)
                | Q(status=MailStatus.QUEUED, not_before__lte=now)
                | Q(status=MailStatus.SENDING, leased_until__lt=now)
            )
            .order_by("id")
            .values_list("pk", flat=True)[:limit]
        )
        ids = list(due)
        OutgoingMail.objects.filter(pk__in=ids).update(
            status=MailStatus.SENDING, leased_until=now + LEASE, lease_owner=owner
        )
    return list(OutgoingMail.objects.filter(pk__in=ids, lease_owner=owner).order_by("id"))


def _message(row: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=row.from_address,
        to=[row.to_address],
        headers={**row.headers, "Message-ID": row.message_id},
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def send_due(limit: int = BATCH) -> int:
    """Send the due rows, `limit` at a time, until none is due; the number sent."""
    owner = uuid.uuid4().hex
    sent = 0
    while rows := _lease(owner, limit):
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
            for row in rows:
                try:
                    connection.send_messages([_message(row)])
                except smtplib.SMTPException as error:
                    OutgoingMail.objects.filter(pk=row.pk).update(
                        status=MailStatus.FAILED,
                        attempts=row.attempts + 1,
                        last_error=str(error)[:2000],
                    )
                    continue
                OutgoingMail.objects.filter(pk=row.pk).update(
                    status=MailStatus.SENT, attempts=row.attempts + 1, sent_at=timezone.now()
                )
                sent += 1
        finally:
            connection.close()
    logger.info("outbox: %d sent", sent)
    return sent
