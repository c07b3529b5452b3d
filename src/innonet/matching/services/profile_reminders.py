"""Remind the people behind a cooperation profile that it is about to expire.

A daily run (`innonet profile_reminders`) mails the profile's creator and its contact person,
each in their own language, once per validity period. The audit entry
`matching.profile.reminded` with the reminded date is the record of "once": a renewed profile
gets a new date and so, a year later, a new reminder. It is written under the profile's row
lock; the mails go out afterwards, one task per recipient that retries a failed send.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from innonet.core import audit
from innonet.core.models import AuditEntry
from innonet.core.tasking import enqueue_on_commit

from ..models import CooperationProfile
from .profiles import expiring_profiles

__all__ = ["REMINDER_DAYS", "profile_remind", "profile_reminders_send", "recipient_for"]

REMINDER_DAYS = 14
REMINDED = "matching.profile.reminded"


CREATOR, CONTACT = "creator", "contact"


@dataclass(frozen=True)
class Recipient:
    role: str  # CREATOR or CONTACT: what the sending task is given, never the address
    name: str
    email: str
    language: str


def _recipients(profile: CooperationProfile) -> list[Recipient]:
    """The creator (if still active) and the contact person (unless erased), once per address."""
    found: dict[str, Recipient] = {}
    creator = profile.created_by
    if creator is not None and creator.is_active and creator.email:
        found[creator.email.lower()] = Recipient(
            CREATOR, creator.full_name.strip(), creator.email, creator.language
        )
    person = profile.contact
    if person is not None and person.erased_at is None and person.email:
        found.setdefault(
            person.email.lower(), Recipient(CONTACT, str(person), person.email, person.language)
        )
    return list(found.values())


def _reminded(profile: CooperationProfile) -> bool:
    entries = AuditEntry.objects.for_object(profile).filter(action=REMINDED)
    stamp = profile.valid_until.isoformat()
    return any(data.get("valid_until") == stamp for data in entries.values_list("data", flat=True))


def recipient_for(profile: CooperationProfile, role: str) -> Recipient | None:
    """The profile's creator or contact as a recipient now, if still one (for the task)."""
    return next((r for r in _recipients(profile) if r.role == role), None)


@transaction.atomic
def profile_remind(profile: CooperationProfile) -> int:
    """Plan the expiry reminder of one profile unless it was planned for this validity period;
    returns the number of mails. The mark is written under the row lock, and the mails are
    sent by a task after the commit, so no mail waits on a lock and none goes out twice."""
    from ..tasks import send_profile_reminder

    current = (
        CooperationProfile.objects.select_for_update(of=("self",))
        .select_related("created_by", "contact")
        .get(pk=profile.pk)
    )
    if _reminded(current):
        return 0
    recipients = _recipients(current)
    valid_until = current.valid_until.isoformat()
    audit.record(current, REMINDED, data={"valid_until": valid_until, "mails": len(recipients)})
    for recipient in recipients:
        enqueue_on_commit(
            send_profile_reminder,
            profile_id=current.pk,
            role=recipient.role,
            valid_until=valid_until,
        )
    return len(recipients)


def profile_reminders_send(*, today: date | None = None) -> int:
    """Remind about every published profile that ends within REMINDER_DAYS days; returns
    the number of mails planned."""
    today = today or timezone.localdate()
    due = expiring_profiles(REMINDER_DAYS, today=today)
    return sum(profile_remind(profile) for profile in due.order_by("valid_until", "pk"))
