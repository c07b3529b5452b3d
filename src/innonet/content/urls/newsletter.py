"""URLs of the newsletter and its subscriptions."""

from django.urls import path

from ..views import newsletter, subscriptions

urlpatterns = [
    # Public: sign-up and the signed links of the mails.
    path("newsletter/", subscriptions.SubscribeView.as_view(), name="subscription_create"),
    path(
        "newsletter/angefragt/",
        subscriptions.SubscribeDoneView.as_view(),
        name="subscription_requested",
    ),
    path(
        "newsletter/bestaetigen/<str:token>/",
        subscriptions.ConfirmView.as_view(),
        name="subscription_confirm",
    ),
    path(
        "newsletter/einstellungen/<str:token>/",
        subscriptions.ManageView.as_view(),
        name="subscription_manage",
    ),
    path(
        "newsletter/abmelden/<str:token>/",
        subscriptions.UnsubscribeView.as_view(),
        name="subscription_unsubscribe",
    ),
    # The office.
    path(
        "newsletter/abonnements/",
        subscriptions.SubscriptionListView.as_view(),
        name="subscription_list",
    ),
    path(
        "newsletter/abonnements/<int:pk>/",
        subscriptions.SubscriptionDetailView.as_view(),
        name="subscription_detail",
    ),
    path("newsletter/ausgaben/", newsletter.IssueListView.as_view(), name="issue_list"),
    path("newsletter/ausgaben/neu/", newsletter.IssueFormView.as_view(), name="issue_create"),
    path(
        "newsletter/ausgaben/empfaenger/",
        newsletter.RecipientCountView.as_view(),
        name="issue_recipient_count",
    ),
    path(
        "newsletter/ausgaben/<int:pk>/", newsletter.IssueDetailView.as_view(), name="issue_detail"
    ),
    path(
        "newsletter/ausgaben/<int:pk>/bearbeiten/",
        newsletter.IssueFormView.as_view(),
        name="issue_update",
    ),
    path(
        "newsletter/ausgaben/<int:pk>/fortschritt/",
        newsletter.IssueProgressView.as_view(),
        name="issue_progress",
    ),
    path(
        "newsletter/ausgaben/<int:pk>/vorschau/",
        newsletter.IssuePreviewView.as_view(),
        name="issue_preview",
    ),
    path(
        "newsletter/ausgaben/<int:pk>/testversand/",
        newsletter.IssueTestSendView.as_view(),
        name="issue_test_send",
    ),
    path(
        "newsletter/ausgaben/<int:pk>/versenden/",
        newsletter.IssueScheduleView.as_view(),
        name="issue_schedule",
    ),
    path(
        "newsletter/ausgaben/<int:pk>/entwurf/",
        newsletter.IssueUnscheduleView.as_view(),
        name="issue_unschedule",
    ),
]
