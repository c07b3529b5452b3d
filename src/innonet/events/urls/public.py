"""The calendar pages, an event's page and registration, and one's own registrations."""

from django.urls import path

from ..views import public

urlpatterns = [
    path("veranstaltungen/", public.EventListView.as_view(), name="event_list"),
    path(
        "veranstaltungen/monat/<int:year>-<int:month>/",
        public.EventMonthView.as_view(),
        name="event_month",
    ),
    path("veranstaltungen/<int:pk>/", public.EventDetailView.as_view(), name="event_detail"),
    path(
        "veranstaltungen/<int:pk>/anmelden/",
        public.RegistrationFormView.as_view(),
        name="event_register",
    ),
    path(
        "veranstaltungen/<int:pk>/teilnehmen/",
        public.MemberRegistrationView.as_view(),
        name="event_register_member",
    ),
    path(
        "veranstaltungen/<int:pk>/angemeldet/",
        public.RegistrationSubmittedView.as_view(),
        name="event_registered",
    ),
    path(
        "veranstaltungen/meine-anmeldungen/",
        public.MyRegistrationsView.as_view(),
        name="my_registrations",
    ),
]
