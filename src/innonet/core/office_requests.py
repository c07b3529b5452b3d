"""The one write every office request shares: staff mark it done, once, with an audit entry."""

from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from . import audit, permissions
from .errors import DomainError
from .models.office import OfficeRequest, OfficeRequestStatus

Request = TypeVar("Request", bound=OfficeRequest)


@transaction.atomic
def office_request_done(
    request: Request, *, acting_user: AbstractBaseUser | None, action: str, refusal: str
) -> Request:
    """Mark an open request handled by `acting_user` (staff only, else DomainError(refusal)).
    Marking it again changes nothing and writes no second audit entry."""
    if not permissions.is_staff(acting_user):
        raise DomainError(refusal)
    locked = type(request).objects.select_for_update().get(pk=request.pk)
    if locked.status == OfficeRequestStatus.DONE:
        return locked
    locked.status = OfficeRequestStatus.DONE
    locked.handled_by = acting_user
    locked.handled_at = timezone.now()
    locked.save(update_fields=["status", "handled_by", "handled_at", "updated_at"])
    audit.record(locked, action, user=acting_user)
    return locked
