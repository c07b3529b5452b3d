"""Remind the people behind a cooperation profile that it is about to expire.

A daily run (`innonet profile_reminders`) mails the profile's creator and its contact person,
each in their own language, once per validity period. The audit entry
`matching.profile.reminded` with the reminded date is the record of "once": a renewed profile
gets a new date and so, a year later, a new reminder.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.models import AuditEntry

from ..models import CooperationProfile
from .profiles import expiring_profiles

__all__ = ["REMINDER_DAYS", "profile_remind", "profile_reminders_send"]

REMINDER_DAYS = 14
REMINDED = "matching.profile.reminded"


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    language: str


def _recipients(profile: CooperationProfile) -> list[Recipient]:
    """The creator (if still active) and the contact person (unless erased), once per address."""
    found: dict[str, Recipient] = {}
    creator = profile.created_by
    if creator is not None and creator.is_active and creator.email:
        found[creator.email.lower()] = Recipient(
            creator.full_name or creator.email, creator.email, creator.language
        )
    person = profile.contact
    if person is not None and person.erased_at is None and person.email:
        found.setdefault(
            person.email.lower(), Recipient(str(person), person.email, person.language)
        )
    return list(found.values())


def reminder_message(profile: CooperationProfile, recipient: Recipient) -> EmailMultiAlternatives:
    """The reminder for one recipient, rendered in that recipient's language."""
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        values = {"title": profile.title, "date": f"{profile.valid_until:%d.%m.%Y}"}
        # No line break from a title ever reaches the header (RELIABILITY.md item 23).
        subject = " ".join(
            (_("Your cooperation profile “%(title)s” expires on %(date)s") % values).split()
        )[:200]
        context = {
            "profile": profile,
            "name": recipient.name,
            "days_left": max((profile.valid_until - timezone.localdate()).days, 0),
            "profile_url": settings.SITE_URL
            + reverse("matching:profile_detail", kwargs={"pk": profile.pk}),
        }
        text = render_to_string("matching/mail/profile_reminder.txt", context)
        html = render_to_string("matching/mail/profile_reminder.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _reminded(profile: CooperationProfile) -> bool:
    entries = AuditEntry.objects.for_object(profile).filter(action=REMINDED)
    stamp = profile.valid_until.isoformat()
    return any(data.get("valid_until") == stamp for data in entries.values_list("data", flat=True))


@transaction.atomic
def profile_remind(profile: CooperationProfile) -> int:
    """Send the expiry reminder of one profile unless it was sent for this validity period;
    returns the number of mails sent. The mails go out inside the transaction: if sending
    fails, nothing is recorded and the next run tries again."""
    current = (
        CooperationProfile.objects.select_for_update(of=("self",))
        .select_related("created_by", "contact")
        .get(pk=profile.pk)
    )
    if _reminded(current):
        return 0
    messages = [reminder_message(current, recipient) for recipient in _recipients(current)]
    audit.record(
        current,
        REMINDED,
        data={"valid_until": current.valid_until.isoformat(), "mails": len(messages)},
    )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def profile_reminders_send(*, today: date | None = None) -> int:
    """Remind about every published profile that ends within REMINDER_DAYS days; returns
    the number of mails sent."""
    today = today or timezone.localdate()
    due = expiring_profiles(REMINDER_DAYS, today=today)
    return sum(profile_remind(profile) for profile in due.order_by("valid_until", "pk"))
