"""URLs: a visitor answers a public cooperation profile; the office's list of answers."""

from django.urls import path

from ..views import responses

urlpatterns = [
    path(
        "kooperation/<int:pk>/antworten/",
        responses.ProfileRespondView.as_view(),
        name="profile_respond",
    ),
    path(
        "kooperation/antworten/",
        responses.ProfileResponseListView.as_view(),
        name="profile_response_list",
    ),
    path(
        "kooperation/antworten/<int:pk>/erledigt/",
        responses.ProfileResponseDoneView.as_view(),
        name="profile_response_done",
    ),
]
