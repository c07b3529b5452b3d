"""REST routes of formats, events and registrations.

Querysets are scoped by the events policies (what a role may not see answers 404), serializers
list their fields and keep states, counts and registry links read-only, and every write goes
through a service (DomainError becomes a 400 with its message). Creates honour an
`Idempotency-Key` header.
"""

from .events import EventSerializer, EventViewSet
from .formats import FormatSerializer, FormatViewSet
from .registrations import RegistrationSerializer, RegistrationViewSet

__all__ = [
    "EventSerializer",
    "EventViewSet",
    "FormatSerializer",
    "FormatViewSet",
    "RegistrationSerializer",
    "RegistrationViewSet",
    "register_routes",
]


def register_routes(router) -> None:
    router.register("formats", FormatViewSet)
    router.register("events", EventViewSet)
    router.register("registrations", RegistrationViewSet)
