"""Who sees and changes formats, events and registrations.

Staff do everything and the board reads everything. Anyone sees published public events,
signed-in users also members-only ones. A partner-network manager runs the events its network
organises or co-organises (and sees their registrations) and keeps its network's formats.
A member user sees the registrations of its own organisation's people.
"""

from typing import Any

from django.db.models import Q, QuerySet

from innonet.core import permissions

from .models import Event, EventStatus, EventTask, EventVisibility, Feedback, Format, Registration

_VISIBLE_STATUSES = (EventStatus.PUBLISHED, EventStatus.FINISHED, EventStatus.CANCELLED)


def manager_network(user: Any) -> int | None:
    if permissions.role_of(user) == permissions.NETWORK_MANAGER:
        return user.network_id
    return None


def member_organisation(user: Any) -> int | None:
    if permissions.role_of(user) == permissions.MEMBER:
        return user.organisation_id
    return None


def _runs_event(network: int | None, prefix: str = "") -> Q:
    return Q(**{f"{prefix}organiser_id": network}) | Q(**{f"{prefix}co_organisers": network})


@permissions.register(Format)
class FormatPolicy(permissions.Policy):
    """The catalogue is open to every signed-in user; each network keeps its own formats."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or manager_network(user) is not None

    def can_change(self, user: Any, obj: Format) -> bool:
        if permissions.is_staff(user):
            return True
        network = manager_network(user)
        return network is not None and obj.network_id == network

    can_delete = can_change


@permissions.register(Event)
class EventPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        role = permissions.role_of(user)
        shown = Q(status__in=_VISIBLE_STATUSES)
        if role == permissions.ANONYMOUS:
            return queryset.filter(shown, visibility=EventVisibility.PUBLIC)
        if (network := manager_network(user)) is not None:
            return queryset.filter(shown | _runs_event(network)).distinct()
        return queryset.filter(shown)

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or manager_network(user) is not None

    def can_change(self, user: Any, obj: Event) -> bool:
        if permissions.is_staff(user):
            return True
        network = manager_network(user)
        if network is None:
            return False
        return obj.organiser_id == network or obj.co_organisers.filter(pk=network).exists()

    can_delete = can_change


@permissions.register(Registration)
class RegistrationPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if (network := manager_network(user)) is not None:
            return queryset.filter(_runs_event(network, "event__") | Q(user=user)).distinct()
        if (organisation := member_organisation(user)) is not None:
            return queryset.filter(Q(organisation_id=organisation) | Q(user=user))
        return queryset.none()

    def can_create(self, user: Any) -> bool:
        return permissions.role_of(user) != permissions.ANONYMOUS

    def can_change(self, user: Any, obj: Registration) -> bool:
        """Staff and the event's organisers manage registrations (approve, check in)."""
        return permissions.can_change(user, obj.event)

    can_delete = can_change


@permissions.register(Feedback)
class FeedbackPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if (network := manager_network(user)) is not None:
            return queryset.filter(_runs_event(network, "registration__event__")).distinct()
        return queryset.none()


@permissions.register(EventTask)
class EventTaskPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if (network := manager_network(user)) is not None:
            return queryset.filter(_runs_event(network, "event__")).distinct()
        return queryset.none()

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or manager_network(user) is not None

    def can_change(self, user: Any, obj: EventTask) -> bool:
        return permissions.can_change(user, obj.event)

    can_delete = can_change
