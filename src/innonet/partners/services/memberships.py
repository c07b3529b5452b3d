"""Membership lifecycle: every status change is a dated history entry."""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.networks.models import Network

from ..models import Membership, MembershipStatus, MembershipStatusChange, Organisation


@transaction.atomic
def membership_set_status(
    organisation: Organisation,
    *,
    network: Any,
    status: str,
    valid_from: date,
    reason: str = "",
    membership_type: str | None = None,
    acting_user: User | None,
) -> Membership:
    """Record that from `valid_from` on the organisation's membership had `status`.

    Back-dated entries are allowed (the office often learns late), but not before the last
    recorded change, so the history stays a single line in time."""
    if status not in MembershipStatus.values:
        raise DomainError(_("Unknown membership status."), field="status")
    membership, _created = Membership.objects.select_for_update().get_or_create(
        organisation=organisation, network=network
    )
    last = membership.changes.order_by("-valid_from", "-id").first()
    if last is not None and valid_from < last.valid_from:
        raise DomainError(
            _("The change must not be dated before the last one (%(date)s).")
            % {"date": last.valid_from.isoformat()},
            field="valid_from",
        )
    MembershipStatusChange.objects.create(
        membership=membership,
        status=status,
        valid_from=valid_from,
        reason=(reason or "")[:300],
        recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    membership.status = status
    if membership_type:
        membership.membership_type = membership_type
    membership.save()
    audit.record(
        membership,
        "partners.membership.status_changed",
        user=acting_user,
        data={"status": status, "valid_from": valid_from.isoformat()},
    )
    return membership


def members_on(network: Network, day: date) -> QuerySet[Organisation]:
    """Organisations whose membership in `network` was active on `day`, from the history."""
    status_then = (
        MembershipStatusChange.objects.filter(membership=OuterRef("pk"), valid_from__lte=day)
        .order_by("-valid_from", "-id")
        .values("status")[:1]
    )
    active = (
        Membership.objects.filter(network=network)
        .annotate(status_then=Subquery(status_then))
        .filter(status_then=MembershipStatus.ACTIVE)
    )
    return Organisation.objects.filter(memberships__in=active)
