from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import EventStatus, Feedback, Registration, RegistrationStatus


@transaction.atomic
def feedback_submit(registration: Registration, *, rating: int, comment: str = "") -> Feedback:
    """A participant rates the event once it has begun; sending again updates the answer."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(_("Only participants can give feedback."))
    event = registration.event
    if event.status == EventStatus.CANCELLED or timezone.now() < event.starts_at:
        raise DomainError(_("Feedback opens when the event has begun."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Please rate from 1 to 5."), field="rating")
    comment = (comment or "").strip()[:3000]
    try:
        with transaction.atomic():
            feedback, created = Feedback.objects.update_or_create(
                registration=registration, defaults={"rating": rating, "comment": comment}
            )
    except IntegrityError as exc:  # two submissions at once: the other one won
        raise DomainError(_("Your feedback was just saved. Thank you!")) from exc
    audit.record(registration, "events.feedback.submitted", data={"created": created})
    return feedback
