"""Who sees and changes formats, events and registrations.

Staff do everything and the board reads everything. Anyone sees published public events on the
public pages. Signed-in users of a network see its events (also members-only ones) and the
public events of the networks that share them with it by an agreement in force
(networks.queries.granted); a members-only event never leaves its organising networks. A
partner-network manager runs the events its network organises or co-organises (and sees their
registrations) and keeps its network's formats.
A member user sees the registrations of its own organisation's people.
"""

from typing import Any

from django.db.models import Q, QuerySet

from innonet.core import permissions
from innonet.networks import queries as network_queries
from innonet.networks.models import Share

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


def seen_formats(user: Any) -> Q:
    """The formats of the user's own networks, and the shared formats of the networks that
    grant their formats to them by an agreement in force."""
    own = network_queries.viewer_networks(user)
    granting = network_queries.granted(own, Share.FORMATS)
    return Q(network_id__in=own) | Q(network_id__in=granting, is_shared=True)


def _run_by_any(networks: frozenset[int], prefix: str = "") -> Q:
    """Organised or co-organised by one of `networks`."""
    return Q(**{f"{prefix}organiser_id__in": networks}) | Q(
        **{f"{prefix}co_organisers__in": networks}
    )


def _mine(user: Any) -> Q:
    """Events the user or their organisation registered for stay visible to them."""
    registered = Q(registrations__user=user)
    if (organisation := member_organisation(user)) is not None:
        registered |= Q(registrations__organisation_id=organisation)
    return Q(status__in=_VISIBLE_STATUSES) & registered


@permissions.register(Format)
class FormatPolicy(permissions.Policy):
    """Staff and the board read the whole catalogue; a network's users see its own formats and
    what partner networks share with it by agreement; each network keeps its own formats."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset.filter(seen_formats(user))

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
        # A network's users see its events; another network's public events only when it
        # shares them with one of their networks by an agreement in force.
        own = network_queries.viewer_networks(user)
        granting = network_queries.granted(own, Share.PUBLIC_EVENTS)
        seen = _run_by_any(own) | (Q(visibility=EventVisibility.PUBLIC) & _run_by_any(granting))
        allowed = (shown & seen) | _mine(user)
        if (network := manager_network(user)) is not None:
            allowed |= _runs_event(network)  # also its drafts
        return queryset.filter(pk__in=Event.objects.filter(allowed).values("pk"))

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
