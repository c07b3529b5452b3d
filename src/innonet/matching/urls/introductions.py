"""URLs: introductions between organisations, and a member's "I am interested"."""

from django.urls import path

from ..views import introductions as views

urlpatterns = [
    path("vermittlungen/", views.IntroductionListView.as_view(), name="introduction_list"),
    path("vermittlungen/neu/", views.IntroductionCreateView.as_view(), name="introduction_create"),
    path(
        "vermittlungen/<int:pk>/",
        views.IntroductionDetailView.as_view(),
        name="introduction_detail",
    ),
    path(
        "vermittlungen/<int:pk>/senden/",
        views.IntroductionSendView.as_view(),
        name="introduction_send",
    ),
    path(
        "vermittlungen/<int:pk>/ergebnis/",
        views.IntroductionOutcomeView.as_view(),
        name="introduction_outcome",
    ),
    path(
        "vermittlungen/anfragen/<int:pk>/schliessen/",
        views.InterestRequestCloseView.as_view(),
        name="interest_request_close",
    ),
    path(
        "kooperation/<int:pk>/interesse/",
        views.IntroductionRequestView.as_view(),
        name="introduction_request",
    ),
]
