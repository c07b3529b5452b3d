"""Finding the marketplace of a request's event, as participant or as office."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from innonet.core.views.mixins import get_visible_or_404
from innonet.events.models import Event

from ..models import Marketplace, Participant
from ..policies import reads_office, runs_event
from ..services import own_participant


def event_or_404(request: HttpRequest, pk: int) -> Event:
    return get_visible_or_404(request.user, Event.objects.select_related("organiser"), pk=pk)


def marketplace_or_404(request: HttpRequest, pk: int) -> Marketplace:
    event = event_or_404(request, pk)
    marketplace = Marketplace.objects.filter(event=event).first()
    if marketplace is None:
        raise Http404
    marketplace.event = event
    return marketplace


def office_marketplace(request: HttpRequest, pk: int, *, write: bool) -> Marketplace:
    """The marketplace for its office (writes) or the board too (reads); others get 403."""
    marketplace = marketplace_or_404(request, pk)
    allowed = runs_event if write else reads_office
    if not allowed(request.user, marketplace.event):
        raise PermissionDenied
    return marketplace


def participant_or_404(request: HttpRequest, marketplace: Marketplace) -> Participant:
    """The signed-in user's active participation; pages of one's own plan need it."""
    participant = own_participant(request.user, marketplace)
    if participant is None or participant.withdrawn_at is not None:
        raise Http404
    participant.marketplace = marketplace
    return participant


def visible_or_404(request: HttpRequest, queryset: Any, **lookup: Any) -> Any:
    return get_visible_or_404(request.user, queryset, **lookup)


def can_read_office(user: Any, marketplace: Marketplace) -> bool:
    return reads_office(user, marketplace.event)
