"""iCalendar views: the public feed, one event as a download, and a user's personal feed.

Calendar clients cannot sign in, so the personal feed's address carries a signed token; the
signed-in page shows it and can replace it (the old address then answers 404)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from innonet.core import permissions
from innonet.core.ical import response as calendar_response
from innonet.core.site import absolute_url
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404

from .. import ical
from ..models import Event

# The public feed shows what is coming and what happened in the last three months.
PAST_DAYS = 90


FEED_CACHE_SECONDS = 6 * 60 * 60


class PublicFeedView(View):
    """Published public events, upcoming and of the last 90 days; cancelled ones marked."""

    def get(self, request: HttpRequest) -> HttpResponse:
        since = timezone.now() - timedelta(days=PAST_DAYS)
        events = permissions.visible(AnonymousUser(), Event.objects.all()).filter(
            ends_at__gte=since
        )
        # Calendar clients poll this feed; it is built again only when an event changed.
        state = events.aggregate(count=Count("pk"), changed=Max("updated_at"))
        changed = state["changed"].timestamp() if state["changed"] else 0
        key = f"events:public-feed:{get_language()}:{since.date()}:{state['count']}:{changed}"
        body = cache.get(key)
        if body is None:
            body = ical.build_calendar(
                events.order_by("starts_at", "pk"),
                name=_("Events of the network"),
                description=_("Public events: what is coming and the last three months."),
            )
            cache.set(key, body, timeout=FEED_CACHE_SECONDS)
        return calendar_response(body)


class EventIcsView(View):
    """One event as an .ics file, for everyone who may see the event."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_visible_or_404(request.user, Event.objects.all(), pk=pk)
        body = ical.build_calendar([event], name=event.title)
        return calendar_response(body, filename=ical.filename_for(event))


class MyFeedLinkView(SignedInMixin, View):
    """The personal feed's address with a copy button, how to subscribe, and a reset."""

    def get(self, request: HttpRequest) -> HttpResponse:
        token = ical.feed_token(request.user)
        feed_url = absolute_url(reverse("events:my_feed", args=[token]))
        count = (
            ical.registrations_of(request.user).filter(event__ends_at__gte=timezone.now()).count()
        )
        return render(
            request,
            "events/calendar_feed_link.html",
            {
                "feed_url": feed_url,
                "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
                "upcoming": count,
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        ical.feed_key_reset(request.user)
        messages.success(
            request,
            _("Your calendar link was replaced. Subscribe again with the new link below."),
        )
        return redirect("events:my_feed_link")


class MyFeedView(View):
    """The events of one's own active registrations, for calendar clients (no sign-in)."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = ical.user_for_feed_token(token)
        if user is None:
            raise Http404
        since = timezone.now() - timedelta(days=PAST_DAYS)
        event_ids = ical.registrations_of(user).values("event_id")
        events = Event.objects.filter(pk__in=event_ids, ends_at__gte=since)
        body = ical.build_calendar(events.order_by("starts_at", "pk"), name=_("My events"))
        return calendar_response(body)
