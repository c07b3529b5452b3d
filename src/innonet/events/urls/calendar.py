"""iCalendar: the public feed, one event, and a signed-in user's own registrations."""

from django.urls import path

from ..views import calendar

urlpatterns = [
    path("veranstaltungen/kalender.ics", calendar.PublicFeedView.as_view(), name="calendar_feed"),
    path(
        "veranstaltungen/<int:pk>/kalender.ics", calendar.EventIcsView.as_view(), name="event_ics"
    ),
    path(
        "veranstaltungen/meine-anmeldungen/kalender/",
        calendar.MyFeedLinkView.as_view(),
        name="my_feed_link",
    ),
    path(
        "veranstaltungen/meine-anmeldungen/<str:token>.ics",
        calendar.MyFeedView.as_view(),
        name="my_feed",
    ),
]
