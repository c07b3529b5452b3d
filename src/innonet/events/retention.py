"""Events' retention rule: registrations lose names, contact data and free text once their
event ended longer ago than the inactivity period; status, times and check-in stay, so every
count of registrations and attendance stays right (as after an erasure)."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.privacy import ERASED
from innonet.core.privacy.register import EVENT_PARTICIPATION, EVENT_PROGRAMME
from innonet.core.privacy.retention import Action, RetentionRule, retention_rule

from .models import Feedback, Registration
from .privacy import erase_registration


def registrations_due(cutoff: datetime) -> QuerySet[Registration]:
    """Registrations of events that ended before `cutoff` and still carry a name."""
    return Registration.objects.filter(event__ends_at__lt=cutoff).exclude(last_name=ERASED)


def registrations_anonymise(rows: QuerySet[Registration]) -> int:
    """Anonymise one batch as an erasure does, and empty its feedback comments."""
    batch = list(rows)
    for registration in batch:
        erase_registration(registration)
    Feedback.objects.filter(registration__in=batch).exclude(comment="").update(comment="")
    return len(batch)


retention_rule(
    RetentionRule(
        "events.registrations",
        _("Registrations of past events"),
        EVENT_PARTICIPATION,
        Action.ANONYMISE,
        due=registrations_due,
        anonymise=registrations_anonymise,
    )
)
retention_rule(
    RetentionRule(
        "events.speakers", _("Speakers in event programmes"), EVENT_PROGRAMME, Action.KEEP
    )
)
