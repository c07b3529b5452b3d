"""Funding programmes and calls, their deadlines as a calendar feed."""

from django.urls import path

from ..views import programmes

urlpatterns = [
    path("foerderung/", programmes.ProgrammeListView.as_view(), name="programme_list"),
    path("foerderung/neu/", programmes.ProgrammeFormView.as_view(), name="programme_create"),
    path("foerderung/<int:pk>/", programmes.ProgrammeDetailView.as_view(), name="programme_detail"),
    path(
        "foerderung/<int:pk>/bearbeiten/",
        programmes.ProgrammeFormView.as_view(),
        name="programme_update",
    ),
    path("foerderung/<int:pk>/aufruf/neu/", programmes.CallFormView.as_view(), name="call_create"),
    path("foerderung/aufrufe/<int:pk>/", programmes.CallDetailView.as_view(), name="call_detail"),
    path(
        "foerderung/aufrufe/<int:pk>/bearbeiten/",
        programmes.CallFormView.as_view(),
        name="call_update",
    ),
    path("foerderung/fristen.ics", programmes.DeadlineFeedView.as_view(), name="deadline_feed"),
]
