"""Signed links in registration mails: confirm, cancel, feedback.

A link carries the registration id, a short fingerprint of its secret and its purpose, signed
with the site's key. A tampered link fails the signature; a confirmation link expires; a new
secret (after erasure) invalidates every earlier link."""

from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from innonet.core.errors import DomainError

from .models import Registration

SALT = "innonet.events.registration"
CONFIRM = "confirm"
CANCEL = "cancel"
FEEDBACK = "feedback"
# How long a confirmation link works; cancel and feedback links live as long as the event.
MAX_AGE = {CONFIRM: timedelta(days=3), CANCEL: None, FEEDBACK: timedelta(days=60)}


def _invalid_link() -> str:
    return _("This link is not valid. Please use the link from your e-mail.")


def make_token(registration: Registration, purpose: str) -> str:
    payload = {"r": registration.pk, "s": registration.secret[:10], "p": purpose}
    return signing.dumps(payload, salt=SALT, compress=True)


def registration_for_token(token: str, purpose: str) -> Registration:
    """The registration a link names, or DomainError with a message for the visitor."""
    max_age = MAX_AGE[purpose]
    try:
        payload = signing.loads(
            token[:500], salt=SALT, max_age=max_age.total_seconds() if max_age else None
        )
    except signing.SignatureExpired as exc:
        raise DomainError(
            _("This link has expired. Please register again; your old request is void.")
        ) from exc
    except signing.BadSignature as exc:
        raise DomainError(
            _("This link is not valid. Please use the link from your e-mail.")
        ) from exc
    if not isinstance(payload, dict) or payload.get("p") != purpose:
        raise DomainError(_invalid_link())
    registration = Registration.objects.select_related("event").filter(pk=payload.get("r")).first()
    if registration is None or registration.secret[:10] != payload.get("s"):
        raise DomainError(_("This link is no longer valid."))
    return registration
