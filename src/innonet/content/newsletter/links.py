"""Signed links in newsletter mails: confirm a sign-up, and manage a subscription (change the
preferences or unsubscribe, also with one click per RFC 8058).

A link carries the subscription id, a fingerprint of its secret, its purpose and (for links in
an issue) the issue, signed with the site's key. A tampered link fails the signature, a
confirmation link expires after three days, and a manage link works as long as the secret
stays (erasure gives a new one)."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from innonet.core.errors import DomainError

from ..models import Subscription

SALT = "innonet.content.newsletter"
CONFIRM = "confirm"
MANAGE = "manage"
MAX_AGE = {CONFIRM: timedelta(days=3), MANAGE: None}


@dataclass(frozen=True)
class LinkTarget:
    subscription: Subscription
    issue_id: int | None


def make_token(subscription: Subscription, purpose: str, issue_id: int | None = None) -> str:
    payload: dict = {"s": subscription.pk, "k": subscription.secret[:10], "p": purpose}
    if issue_id:
        payload["i"] = issue_id
    return signing.dumps(payload, salt=SALT, compress=True)


def target_for_token(token: str, purpose: str) -> LinkTarget:
    """The subscription (and issue) a link names, or DomainError with a message for the
    visitor."""
    max_age = MAX_AGE[purpose]
    try:
        payload = signing.loads(
            token[:500], salt=SALT, max_age=max_age.total_seconds() if max_age else None
        )
    except signing.SignatureExpired as exc:
        raise DomainError(
            _("This link has expired. Please sign up again; a new mail will be sent to you.")
        ) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise DomainError(
            _("This link is not valid. Please use the link from your e-mail.")
        ) from exc
    if not isinstance(payload, dict) or payload.get("p") != purpose:
        raise DomainError(_("This link is not valid. Please use the link from your e-mail."))
    subscription = Subscription.objects.filter(pk=payload.get("s")).first()
    if subscription is None or subscription.secret[:10] != payload.get("k"):
        raise DomainError(_("This link is no longer valid."))
    issue = payload.get("i")
    return LinkTarget(subscription, issue if isinstance(issue, int) else None)
