"""URLs: the matching index's status page and its rebuild."""

from django.urls import path

from ..views import index_status

urlpatterns = [
    path("abgleich/index/", index_status.IndexStatusView.as_view(), name="index_status"),
    path(
        "abgleich/index/neu-aufbauen/",
        index_status.IndexRebuildView.as_view(),
        name="index_rebuild",
    ),
]
