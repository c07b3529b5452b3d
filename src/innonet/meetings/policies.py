"""Who sees and changes the meeting marketplace.

The office of an event (staff, the manager of an organising network) runs its marketplace; the
board reads it. A participant sees the published profiles of the marketplace they take part
in, their own requests and meetings, and changes only their own profile and answers.
"""

from typing import Any

from django.db.models import Q, QuerySet

from innonet.core import permissions
from innonet.events.models import Event

from .models import Marketplace, Meeting, MeetingRequest, Participant


def runs_event(user: Any, event: Event) -> bool:
    """The event's office: who may change the event may run its marketplace."""
    return permissions.can_change(user, event)


def reads_office(user: Any, event: Event) -> bool:
    return runs_event(user, event) or permissions.reads_everything(user)


def _run_events(user: Any) -> QuerySet:
    """Events whose office this user is (staff: all, a manager: its network's)."""
    events = permissions.visible(user, Event.objects.all())
    if permissions.is_staff(user):
        return events
    network = user.network_id if permissions.role_of(user) == permissions.NETWORK_MANAGER else None
    if network is None:
        return events.none()
    return events.filter(Q(organiser_id=network) | Q(co_organisers=network))


@permissions.register(Marketplace)
class MarketplacePolicy(permissions.Policy):
    """Visible with its event; changed by the event's office."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        return queryset.filter(event__in=permissions.visible(user, Event.objects.all()))

    def can_change(self, user: Any, obj: Marketplace) -> bool:
        return runs_event(user, obj.event)


def _own(user: Any) -> Q:
    return Q(user=user) if permissions.role_of(user) != permissions.ANONYMOUS else Q(pk__in=[])


@permissions.register(Participant)
class ParticipantPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        own_markets = Participant.objects.filter(user=user, withdrawn_at__isnull=True).values(
            "marketplace_id"
        )
        return queryset.filter(
            _own(user)
            | Q(marketplace__in=own_markets, published=True, withdrawn_at__isnull=True)
            | Q(marketplace__event__in=_run_events(user))
        ).distinct()

    def can_change(self, user: Any, obj: Participant) -> bool:
        own = permissions.role_of(user) != permissions.ANONYMOUS and obj.user_id == user.pk
        return own or runs_event(user, obj.marketplace.event)

    def writable_fields(self, user: Any, obj: Participant):
        return ("headline", "offers", "seeks", "published", "unavailable_slots")


def _involves(user: Any, prefix: str = "") -> Q:
    return Q(**{f"{prefix}requester__user": user}) | Q(**{f"{prefix}recipient__user": user})


@permissions.register(MeetingRequest)
class MeetingRequestPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset.filter(
            _involves(user) | Q(marketplace__event__in=_run_events(user))
        ).distinct()

    def can_change(self, user: Any, obj: MeetingRequest) -> bool:
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return False
        return user.pk in (obj.requester.user_id, obj.recipient.user_id) or runs_event(
            user, obj.marketplace.event
        )


@permissions.register(Meeting)
class MeetingPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset.filter(
            _involves(user, "request__") | Q(marketplace__event__in=_run_events(user))
        ).distinct()

    def can_change(self, user: Any, obj: Meeting) -> bool:
        """Outcomes are the office's record."""
        return runs_event(user, obj.marketplace.event)
