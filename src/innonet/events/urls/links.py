"""The signed links in participants' mails: confirm, cancel, give feedback."""

from django.urls import path

from ..views import links

urlpatterns = [
    path(
        "anmeldung/bestaetigen/<str:token>/",
        links.ConfirmView.as_view(),
        name="registration_confirm",
    ),
    path(
        "anmeldung/absagen/<str:token>/",
        links.CancelView.as_view(),
        name="registration_cancel",
    ),
    path("anmeldung/feedback/<str:token>/", links.FeedbackView.as_view(), name="feedback"),
]
