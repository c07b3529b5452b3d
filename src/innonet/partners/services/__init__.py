"""Writes of the partner registry, one module per concern; import from here."""

from .memberships import members_on, membership_set_status
from .organisations import OrganisationConflictError, organisation_create, organisation_update

__all__ = [
    "OrganisationConflictError",
    "members_on",
    "membership_set_status",
    "organisation_create",
    "organisation_update",
]
