"""The format catalogue."""

from django.urls import path

from ..views import formats

urlpatterns = [
    path("formate/", formats.FormatListView.as_view(), name="format_list"),
    path("formate/neu/", formats.FormatFormView.as_view(), name="format_create"),
    path("formate/<int:pk>/", formats.FormatDetailView.as_view(), name="format_detail"),
    path("formate/<int:pk>/bearbeiten/", formats.FormatFormView.as_view(), name="format_update"),
    path("formate/<int:pk>/uebernehmen/", formats.FormatAdoptView.as_view(), name="format_adopt"),
    path(
        "formate/<int:pk>/veranstaltung/",
        formats.EventFromFormatView.as_view(),
        name="event_create_from_format",
    ),
]
