"""What networks share with each other, decided in one place.

Every read that lets a user of one network see another network's formats, events, profiles or
contact persons asks `granted`: only an agreement in force says what a partner network may see.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from innonet.core import permissions

from .models import SHARE_FIELDS, Network, NetworkAgreement, Share


def in_force(day: date | None = None) -> QuerySet[NetworkAgreement]:
    """The agreements valid on `day` (today by default)."""
    day = day or timezone.localdate()
    return NetworkAgreement.objects.filter(valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def granted(
    viewer_networks: int | Iterable[int] | None, what: str, *, day: date | None = None
) -> frozenset[int]:
    """The networks that grant `what` (a Share) to one of `viewer_networks` by an agreement in
    force on `day`. A network never needs an agreement with itself: callers add the viewer's
    own networks where they belong."""
    if viewer_networks is None:
        return frozenset()
    viewers = {viewer_networks} if isinstance(viewer_networks, int) else set(viewer_networks)
    if not viewers:
        return frozenset()
    field = SHARE_FIELDS[Share(what)]
    rows = in_force(day).filter(grantee_id__in=viewers, **{field: True})
    return frozenset(rows.values_list("grantor_id", flat=True))


def grantees(grantor: int, what: str, *, day: date | None = None) -> frozenset[int]:
    """The networks `grantor` grants `what` to by an agreement in force on `day`."""
    rows = in_force(day).filter(grantor_id=grantor, **{SHARE_FIELDS[Share(what)]: True})
    return frozenset(rows.values_list("grantee_id", flat=True))


def member_networks(organisation_id: int | None) -> frozenset[int]:
    """The networks an organisation is an active member of."""
    if organisation_id is None:
        return frozenset()
    rows = Network.objects.filter(
        memberships__organisation_id=organisation_id, memberships__status="active"
    ).order_by()
    return frozenset(rows.values_list("pk", flat=True))


def viewer_networks(user: Any) -> frozenset[int]:
    """The networks a user looks from: a partner-network manager its network; a member user
    its organisation's active memberships, or the host network when it has none (the
    installation's registry is the host's circle). Staff and the board read everything and
    need no network; anonymous visitors have none."""
    role = permissions.role_of(user)
    if role == permissions.NETWORK_MANAGER:
        return frozenset({user.network_id}) if user.network_id else frozenset()
    if role != permissions.MEMBER:
        return frozenset()
    own = member_networks(user.organisation_id)
    if own:
        return own
    host = Network.objects.filter(kind=Network.Kind.HOST).values_list("pk", flat=True).first()
    return frozenset({host}) if host else frozenset()


def seen_networks(user: Any, what: str, *, day: date | None = None) -> frozenset[int]:
    """The networks whose `what` the user sees: its own and those granting it to them."""
    own = viewer_networks(user)
    return own | granted(own, what, day=day)


def network_overview() -> QuerySet[Network]:
    """Every network with its active members counted and its agreements, newest first."""
    agreements = NetworkAgreement.objects.select_related("grantor", "grantee", "signed_by")
    return Network.objects.annotate(
        members_count=Count("memberships", filter=Q(memberships__status="active"), distinct=True)
    ).prefetch_related(
        Prefetch("agreements_granted", queryset=agreements, to_attr="granted_list"),
        Prefetch("agreements_received", queryset=agreements, to_attr="received_list"),
    )
