"""The office's side: create and edit events, move their status, manage registrations."""

from django.urls import path, re_path

from ..views import office

urlpatterns = [
    path("veranstaltungen/neu/", office.EventFormView.as_view(), name="event_create"),
    path(
        "veranstaltungen/<int:pk>/bearbeiten/",
        office.EventFormView.as_view(),
        name="event_update",
    ),
    path(
        "veranstaltungen/<int:pk>/status/",
        office.EventTransitionView.as_view(),
        name="event_transition",
    ),
    path(
        "veranstaltungen/<int:pk>/anmeldungen/",
        office.RegistrationListView.as_view(),
        name="registration_list",
    ),
    re_path(
        r"^veranstaltungen/(?P<pk>[0-9]+)/anmeldungen/export\.(?P<fmt>csv|xlsx)$",
        office.RegistrationExportView.as_view(),
        name="registration_export",
    ),
    path(
        "veranstaltungen/<int:pk>/anmeldungen/neu/",
        office.RegistrationAddView.as_view(),
        name="registration_add",
    ),
    path(
        "veranstaltungen/anmeldungen/<int:pk>/",
        office.RegistrationDetailView.as_view(),
        name="registration_detail",
    ),
    path(
        "veranstaltungen/anmeldungen/<int:pk>/<str:action>/",
        office.RegistrationActionView.as_view(),
        name="registration_action",
    ),
]
