"""Whose contact person a user may read on a cooperation profile.

The office and the profile's own organisation always; a user of the profile's network or of a
network it grants contact persons to (networks.queries.granted) only when the person's newest
consent to sharing with partner networks is a grant. Everyone else reads no contact person."""

from typing import Any

from innonet.core import permissions
from innonet.networks import queries as network_queries
from innonet.networks.models import Share

from ..mails import sharing_granted
from ..models import CooperationProfile


def sees_contact(user: Any, profile: CooperationProfile) -> bool:
    """Whether `user`, who may see `profile`, also reads its contact person."""
    if permissions.is_staff(user):
        return True
    role = permissions.role_of(user)
    if role == permissions.MEMBER and profile.organisation_id == user.organisation_id:
        return True
    if role not in (permissions.MEMBER, permissions.NETWORK_MANAGER) or profile.contact is None:
        return False
    if profile.network_id not in network_queries.seen_networks(user, Share.CONTACTS):
        return False
    return sharing_granted(profile.contact, profile.organisation)
