from django.urls import path, re_path

from ..views import people

urlpatterns = [
    path("personen/", people.PersonListView.as_view(), name="person_list"),
    re_path(
        r"^personen/export\.(?P<fmt>csv|xlsx)$",
        people.PersonExportView.as_view(),
        name="person_export",
    ),
    path("personen/neu/", people.PersonCreateView.as_view(), name="person_create"),
    path("personen/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("personen/<int:pk>/bearbeiten/", people.PersonUpdateView.as_view(), name="person_update"),
    path(
        "personen/<int:pk>/rollen/neu/",
        people.AffiliationCreateView.as_view(),
        name="affiliation_create",
    ),
    path("rollen/<int:pk>/beenden/", people.AffiliationEndView.as_view(), name="affiliation_end"),
    path(
        "personen/<int:pk>/einwilligungen/neu/",
        people.ConsentCreateView.as_view(),
        name="consent_create",
    ),
]
