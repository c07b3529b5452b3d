"""URLs: the questions (idea, consortium, profile, organisation, event) and staff ratings."""

from django.urls import path

from ..views import questions

urlpatterns = [
    path("abgleich/", questions.IdeaView.as_view(), name="idea"),
    path("abgleich/konsortium/", questions.ConsortiumView.as_view(), name="consortium"),
    path(
        "kooperation/<int:pk>/passende/",
        questions.ProfileMatchesView.as_view(),
        name="profile_matches",
    ),
    path(
        "abgleich/organisation/<int:pk>/",
        questions.OrganisationMatchesView.as_view(),
        name="organisation_matches",
    ),
    path(
        "abgleich/veranstaltung/<int:pk>/",
        questions.EventMatchesView.as_view(),
        name="event_matches",
    ),
    path("abgleich/bewertung/", questions.RateView.as_view(), name="rate"),
]
