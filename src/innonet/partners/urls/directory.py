from django.urls import path

from ..views import directory as views

urlpatterns = [
    path("verzeichnis/", views.DirectoryListView.as_view(), name="directory"),
    path("verzeichnis/<int:pk>/", views.DirectoryDetailView.as_view(), name="directory_detail"),
    path("kontaktanfragen/", views.ContactRequestListView.as_view(), name="contact_request_list"),
    path(
        "kontaktanfragen/<int:pk>/erledigt/",
        views.ContactRequestDoneView.as_view(),
        name="contact_request_done",
    ),
]
