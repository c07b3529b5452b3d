"""The outbox's part of a person's export and erasure: the mails sent (or to be sent) to their
addresses, found by address whatever app queued them, and the blocking of an address.

Erasure keeps that a mail of its kind went out when (for the figures of a newsletter issue),
without the address, subject, text or headers; mails still waiting are stopped."""

from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import MailStatus, OutgoingMail, SuppressedAddress
from .export import Section, field_labels, row
from .identity import ERASED, REDACTED, Identity
from .registry import Contributor, Erasure, contributor

MAIL_KEYS = ("created_at", "sent_at", "category", "subject", "status", "to_address", "body_text")
BLOCK_KEYS = ("address", "reason", "recorded_at")
NOT_SENT = (MailStatus.QUEUED, MailStatus.SENDING)


def _addressed(identity: Identity) -> Q:
    condition = Q(pk__in=[])
    for address in identity.emails:
        condition |= Q(to_address__iexact=address)
    return condition


def _blocks(identity: Identity) -> Q:
    return Q(address__in=sorted(identity.emails))


@contributor
class OutboxData(Contributor):
    """Mails to the person's addresses, and whether an address of theirs is blocked."""

    name = "outbox"
    order = 900  # after the apps that find the person's addresses, before the audit log
    fields = {
        "core.OutgoingMail.to_address": Erasure.REMOVED,
        "core.SuppressedAddress.address": Erasure.REMOVED,
    }

    def collect(self, identity: Identity) -> list[Section]:
        mails = OutgoingMail.objects.filter(_addressed(identity)).order_by("created_at", "pk")
        blocks = SuppressedAddress.objects.filter(_blocks(identity)).order_by("recorded_at")
        return [
            Section(
                "outbox",
                _("E-mails sent to you"),
                field_labels(OutgoingMail, *MAIL_KEYS),
                [row(mail, **{key: getattr(mail, key) for key in MAIL_KEYS}) for mail in mails],
            ),
            Section(
                "blocked_addresses",
                _("Your blocked e-mail addresses"),
                field_labels(SuppressedAddress, *BLOCK_KEYS),
                [row(item, **{key: getattr(item, key) for key in BLOCK_KEYS}) for item in blocks],
            ),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        mails = OutgoingMail.objects.filter(_addressed(identity))
        stopped = mails.filter(status__in=NOT_SENT).update(
            status=MailStatus.FAILED, leased_until=None
        )
        erased = 0
        for pk in mails.values_list("pk", flat=True):
            erased += OutgoingMail.objects.filter(pk=pk).update(
                key=f"erased:{pk}",
                to_address=f"erased-{pk}@invalid",
                subject=REDACTED,
                body_text=ERASED,
                body_html="",
                headers={},
                last_error=_("recipient erased"),
            )
        unblocked = 0
        for pk in SuppressedAddress.objects.filter(_blocks(identity)).values_list("pk", flat=True):
            # kept as a row (the count of blocked addresses stays), without the address
            unblocked += SuppressedAddress.objects.filter(pk=pk).update(
                address=f"erased-{pk}@invalid", reason=REDACTED
            )
        return {"mails": erased, "mails_stopped": stopped, "blocked_addresses": unblocked}
