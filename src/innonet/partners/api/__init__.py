"""REST routes of the partner registry: organisations, units, people, memberships and the
office's interactions.

Querysets are scoped by the registry's policies (another organisation's object answers 404),
serializers list their fields, and every write goes through a service (validation, audit,
optimistic locking). Organisations and people need the `version` they were read with on PATCH;
a stale one answers 409 with the current record.
"""

from .office import (
    InteractionSerializer,
    InteractionViewSet,
    MembershipSerializer,
    MembershipViewSet,
)
from .registry import (
    OrganisationSerializer,
    OrganisationViewSet,
    PersonSerializer,
    PersonViewSet,
    UnitSerializer,
    UnitViewSet,
)

__all__ = [
    "InteractionSerializer",
    "InteractionViewSet",
    "MembershipSerializer",
    "MembershipViewSet",
    "OrganisationSerializer",
    "OrganisationViewSet",
    "PersonSerializer",
    "PersonViewSet",
    "UnitSerializer",
    "UnitViewSet",
    "register_routes",
]


def register_routes(router) -> None:
    router.register("organisations", OrganisationViewSet)
    router.register("units", UnitViewSet)
    router.register("people", PersonViewSet)
    router.register("memberships", MembershipViewSet)
    router.register("interactions", InteractionViewSet)
