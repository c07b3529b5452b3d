import hashlib

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from innonet.core.site import site_host


def message_id_for(key: str) -> str:
    """The Message-ID of the mail stored under `key`: the same on every attempt."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@{site_host()}>"


def _html_of(message: EmailMultiAlternatives) -> str:
    for content, mimetype in getattr(message, "alternatives", ()):
        if mimetype == "text/html":
            return str(content)
    return ""


def queue_mail(
    message: EmailMultiAlternatives,
    *,
    key: str,
    category: str,
    batch: str = "",
    acting_user: AbstractBaseUser | None = None,
    send: bool = True,
) -> list[OutgoingMail]:
    """Store `message` as one outbox row per recipient under `key` (with the address appended
    when it has several); rows that exist already are left alone. The sender task is enqueued
    when the transaction commits, unless `send` is false (a batch enqueues it once itself)."""
    rows = []
    recipients = list(message.to)
    blocked = set(
        SuppressedAddress.objects.filter(address__in=recipients).values_list("address", flat=True)
    )
    for address in recipients:
        row_key = key if len(recipients) == 1 else f"{key}:{address}"
        row, _created = OutgoingMail.objects.get_or_create(
            key=row_key,
            defaults={
                "category": category,
                "batch": batch,
                "to_address": address,
                "from_address": message.from_email or settings.DEFAULT_FROM_EMAIL,
                "subject": message.subject,
                "body_text": message.body,
                "body_html": _html_of(message),
                "headers": dict(message.extra_headers),
                "message_id": message_id_for(row_key),
                "status": MailStatus.SUPPRESSED if address in blocked else MailStatus.QUEUED,
                "last_error": "address blocked" if address in blocked else "",
                "created_by": acting_user if getattr(acting_user, "pk", None) else None,
            },
        )
        rows.append(row)
    if send:
        from innonet.core.tasks import send_outbox

        transaction.on_commit(lambda: send_outbox.enqueue())
    return rows
