"""The office's writes on the outbox: send a failed mail again, block and unblock addresses.
Each is one transaction with one audit entry; the sender runs after the commit."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress

from .queueing import _bare_address, suppressed_among
from .sending import suppress_address

__all__ = [
    "OutboxError",
    "outgoing_mail_retry",
    "suppressed_address_add",
    "suppressed_address_remove",
]

RETRYABLE = (MailStatus.FAILED, MailStatus.SUPPRESSED)


class OutboxError(DomainError):
    pass


def _enqueue_sender() -> None:
    from .planning import enqueue_sender

    transaction.on_commit(enqueue_sender)


@transaction.atomic
def outgoing_mail_retry(mail: OutgoingMail, *, acting_user: Any) -> OutgoingMail:
    """Queue a failed (or suppressed) mail again with fresh attempts; refused while its
    address is blocked. Same key and Message-ID: it is the same mail."""
    mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status not in RETRYABLE:
        raise OutboxError(_("Only failed mails can be sent again."))
    if suppressed_among([mail.to_address]):
        raise OutboxError(_("The address is blocked. Unblock it first to send the mail again."))
    before = {"status": mail.status, "attempts": mail.attempts, "last_error": mail.last_error}
    mail.status = MailStatus.QUEUED
    mail.attempts = 0
    mail.not_before = None
    mail.leased_until = None
    mail.last_error = ""
    mail.save(update_fields=["status", "attempts", "not_before", "leased_until", "last_error"])
    audit.record(mail, "core.outbox.retried", user=acting_user, data={"before": before})
    _enqueue_sender()
    return mail


@transaction.atomic
def suppressed_address_add(address: str, *, reason: str, acting_user: Any) -> SuppressedAddress:
    """Block an address by hand (a bounce that came back by mail, a request to stop)."""
    address = _address(address)
    if suppressed_among([address]):
        raise OutboxError(_("This address is blocked already."))
    blocked = suppress_address(address, reason=reason.strip() or _("blocked by the office"))
    audit.record(
        blocked, "core.outbox.address_blocked", user=acting_user, data={"reason": blocked.reason}
    )
    return blocked


@transaction.atomic
def suppressed_address_remove(blocked: SuppressedAddress, *, acting_user: Any) -> None:
    """Unblock an address: mails queued from now on go out again (suppressed ones stay so
    until sent again by hand)."""
    audit.record(blocked, "core.outbox.address_unblocked", user=acting_user)
    blocked.delete()


def _address(value: str) -> str:
    try:
        return _bare_address(value.strip()).lower()
    except ValueError as error:
        raise OutboxError(_("Enter a valid e-mail address.")) from error
