"""The partner registry: organisations and their units, people, consents, memberships and
the office's interactions with them."""

from .consents import Consent, ConsentPurpose
from .contact_requests import ContactRequest, ContactRequestStatus
from .imports import ImportJob
from .interactions import Interaction
from .international import InternationalActivity
from .memberships import Membership, MembershipStatus, MembershipStatusChange
from .organisations import MemberVisibility, Organisation, Unit
from .people import Affiliation, Person

__all__ = [
    "Affiliation",
    "Consent",
    "ConsentPurpose",
    "ContactRequest",
    "ContactRequestStatus",
    "ImportJob",
    "Interaction",
    "InternationalActivity",
    "MemberVisibility",
    "Membership",
    "MembershipStatus",
    "MembershipStatusChange",
    "Organisation",
    "Person",
    "Unit",
]
