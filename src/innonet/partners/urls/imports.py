"""Import pages and merging duplicates (staff only)."""

from django.urls import path

from ..views import imports as views

urlpatterns = [
    path("importe/", views.ImportListView.as_view(), name="import_list"),
    path("importe/neu/", views.ImportCreateView.as_view(), name="import_create"),
    path("importe/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("importe/<int:pk>/status/", views.ImportStatusView.as_view(), name="import_status"),
    path("importe/<int:pk>/uebernehmen/", views.ImportCommitView.as_view(), name="import_commit"),
    path(
        "zusammenfuehren/organisation/<int:pk>/",
        views.OrganisationMergeView.as_view(),
        name="organisation_merge",
    ),
    path("zusammenfuehren/person/<int:pk>/", views.PersonMergeView.as_view(), name="person_merge"),
]
