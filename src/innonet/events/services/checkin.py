"""Check-in on the day: a confirmed participant arrives, or the arrival is taken back."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import Registration, RegistrationStatus


@transaction.atomic
def registration_check_in(registration: Registration, *, acting_user: User | None) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(_("Only confirmed participants can be checked in."))
    if registration.attended_at is None:
        registration.attended_at = timezone.now()
        registration.checked_in_by = acting_user
        registration.save(update_fields=["attended_at", "checked_in_by", "updated_at"])
        audit.record(registration, "events.registration.checked_in", user=acting_user)
    return registration


@transaction.atomic
def registration_check_in_undo(
    registration: Registration, *, acting_user: User | None
) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.attended_at is not None:
        registration.attended_at = None
        registration.checked_in_by = None
        registration.save(update_fields=["attended_at", "checked_in_by", "updated_at"])
        audit.record(registration, "events.registration.check_in_undone", user=acting_user)
    return registration
