"""Mails to participants: what each kind says, in the participant's language, with a plain
text and an HTML part, sent by the background worker.

Services call `queue(registration, kind)` inside their transaction; the mail is enqueued when
the transaction commits, and the task renders it from the registration's state at send time.
Confirmation mails are limited per address and day (RELIABILITY.md item 20)."""

import hashlib
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core import mail
from innonet.core.dates import short_moment
from innonet.core.tasking import enqueue_on_commit

from . import links
from .models import Registration, RegistrationStatus

logger = logging.getLogger(__name__)

CONFIRM_REQUEST = "confirm_request"
ALREADY_REGISTERED = "already_registered"
CONFIRM_COLLEAGUES = "confirm_colleagues"
CONFIRMED = "confirmed"
COLLEAGUE_CONFIRMED = "colleague_confirmed"
WAITING = "waiting"
PENDING = "pending"
PROMOTED = "promoted"
FULL = "full"
REJECTED = "rejected"
CANCELLED = "cancelled"
EVENT_CANCELLED = "event_cancelled"
REMINDER = "reminder"
FEEDBACK_REQUEST = "feedback_request"


@dataclass(frozen=True)
class MailKind:
    subject: str
    lead: str
    confirm_link: bool = False
    cancel_link: bool = False
    feedback_link: bool = False
    calendar_link: bool = False


KINDS = {
    CONFIRM_REQUEST: MailKind(
        _("Please confirm your registration: %(event)s"),
        _(
            "Thank you for registering for %(event)s. Your registration counts once you "
            "confirm it with the link below. If you did not register, ignore this mail."
        ),
        confirm_link=True,
    ),
    ALREADY_REGISTERED: MailKind(
        _("You are already registered: %(event)s"),
        _(
            "Someone tried to register this address again for %(event)s. You are already "
            "registered (%(status)s); nothing has changed."
        ),
        cancel_link=True,
    ),
    CONFIRM_COLLEAGUES: MailKind(
        _("Please confirm your colleagues' registration: %(event)s"),
        _(
            "You are already registered for %(event)s. The colleagues you have just added "
            "are registered once you confirm with the link below."
        ),
        confirm_link=True,
    ),
    CONFIRMED: MailKind(
        _("Registration confirmed: %(event)s"),
        _("Your place at %(event)s is confirmed. We look forward to seeing you."),
        cancel_link=True,
        calendar_link=True,
    ),
    COLLEAGUE_CONFIRMED: MailKind(
        _("You have been registered: %(event)s"),
        _(
            "%(lead)s has registered you for %(event)s (%(status)s). If you cannot come, "
            "please cancel with the link below so someone else can take the place."
        ),
        cancel_link=True,
        calendar_link=True,
    ),
    WAITING: MailKind(
        _("On the waiting list: %(event)s"),
        _(
            "%(event)s is fully booked. You are on the waiting list; when a place frees up, "
            "it is yours automatically and we will write to you."
        ),
        cancel_link=True,
    ),
    PENDING: MailKind(
        _("Registration received: %(event)s"),
        _(
            "Thank you for registering for %(event)s. The organisers confirm each "
            "registration by hand; you will hear from us."
        ),
        cancel_link=True,
    ),
    PROMOTED: MailKind(
        _("A place has become free for you: %(event)s"),
        _(
            "Good news: a place at %(event)s has become free, and it is now yours. If you "
            "can no longer come, please cancel so the next person can move up."
        ),
        cancel_link=True,
        calendar_link=True,
    ),
    FULL: MailKind(
        _("Fully booked: %(event)s"),
        _("We are sorry: %(event)s filled up before your confirmation arrived."),
    ),
    REJECTED: MailKind(
        _("Your registration: %(event)s"),
        _("We are sorry: the organisers could not offer you a place at %(event)s."),
    ),
    CANCELLED: MailKind(
        _("Registration cancelled: %(event)s"),
        _("Your registration for %(event)s has been cancelled."),
    ),
    EVENT_CANCELLED: MailKind(
        _("Cancelled: %(event)s"),
        _("We are sorry: %(event)s has been cancelled. %(reason)s"),
    ),
    REMINDER: MailKind(
        _("Reminder: %(event)s tomorrow"),
        _("A reminder: %(event)s begins on %(start)s. We look forward to seeing you."),
        cancel_link=True,
        calendar_link=True,
    ),
    FEEDBACK_REQUEST: MailKind(
        _("How was %(event)s?"),
        _(
            "Thank you for taking part in %(event)s. Two minutes of your feedback help us "
            "make the next event better."
        ),
        feedback_link=True,
    ),
}


def kind_for_status(status: str, *, colleague: bool = False) -> str:
    if status == RegistrationStatus.CONFIRMED:
        return COLLEAGUE_CONFIRMED if colleague else CONFIRMED
    return {
        RegistrationStatus.WAITING: WAITING,
        RegistrationStatus.PENDING: PENDING,
        RegistrationStatus.CANCELLED: FULL,
    }.get(status, CONFIRMED)


def _throttle_key(email: str) -> str:
    digest = hashlib.sha256(email.encode("utf-8")).hexdigest()[:24]
    return f"events:confirm-mails:{timezone.localdate().isoformat()}:{digest}"


def confirmation_allowed(email: str) -> bool:
    """Count one confirmation mail for `email` today; False once the daily limit is reached."""
    key = _throttle_key(email)
    cache.add(key, 0, timeout=60 * 60 * 26)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60 * 26)
        sent = 1
    return sent <= settings.CONFIRMATION_MAILS_PER_DAY


def queue(
    registration: Registration, kind: str, *, throttle: bool = False, occasion: str = ""
) -> None:
    """Send mail `kind` to the registration's address once the transaction commits.

    `occasion` names this sending in the outbox key, so a retried task stores the mail once:
    a stable one (the event's start for a reminder) also keeps a repeated run from mailing
    twice; without one, each call is its own occasion."""
    if throttle and not confirmation_allowed(registration.email):
        logger.info("confirmation mail limit reached for registration %s", registration.pk)
        return
    from .tasks import send_registration_mail

    enqueue_on_commit(
        send_registration_mail,
        registration_id=registration.pk,
        kind=kind,
        occasion=occasion or uuid.uuid4().hex,
    )


def outbox_key(registration_id: int, kind: str, occasion: str) -> str:
    """The outbox key of one participant mail."""
    return f"events.registration:{registration_id}:{kind}:{occasion}"


def _links(registration: Registration, kind: MailKind) -> dict[str, str]:
    found = {}
    if kind.confirm_link:
        token = links.make_token(registration, links.CONFIRM)
        found["confirm_url"] = mail.link("events:registration_confirm", token)
    if kind.cancel_link:
        token = links.make_token(registration, links.CANCEL)
        found["cancel_url"] = mail.link("events:registration_cancel", token)
    if kind.feedback_link:
        token = links.make_token(registration, links.FEEDBACK)
        found["feedback_url"] = mail.link("events:feedback", token)
    if kind.calendar_link:
        found["calendar_url"] = mail.link("events:event_ics", registration.event_id)
    found["event_url"] = mail.link("events:event_detail", registration.event_id)
    return found


def _context(registration: Registration, kind: MailKind) -> dict[str, Any]:
    """What the mail shows; called in the participant's language."""
    event = registration.event
    start = timezone.localtime(event.starts_at)
    lead = registration.registered_by
    values = {
        "event": event.title,
        "status": registration.get_status_display(),
        "start": short_moment(start),
        "lead": str(lead) if lead else "",
        "reason": event.cancellation_reason,
    }
    return {
        "registration": registration,
        "event": event,
        "lead": str(kind.lead % values),
        "start": start,
        "end": timezone.localtime(event.ends_at),
        "signature": event.organiser.name,
        **_links(registration, kind),
    }


def build_message(registration: Registration, kind_name: str) -> EmailMultiAlternatives:
    """The finished mail for one registration in its language (plain text plus HTML)."""
    kind = KINDS[kind_name]
    return mail.compose(
        "events/mail/registration",
        to=registration.email,
        language=registration.language,
        subject=kind.subject,
        subject_values={"event": registration.event.title},
        context=lambda: _context(registration, kind),
    )
