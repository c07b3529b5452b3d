from django.urls import path, re_path

from ..views import interactions

urlpatterns = [
    path("kontakte/", interactions.InteractionListView.as_view(), name="interaction_list"),
    re_path(
        r"^kontakte/export\.(?P<fmt>csv|xlsx)$",
        interactions.InteractionExportView.as_view(),
        name="interaction_export",
    ),
    path("kontakte/neu/", interactions.InteractionFormView.as_view(), name="interaction_create"),
    path(
        "kontakte/<int:pk>/",
        interactions.InteractionDetailView.as_view(),
        name="interaction_detail",
    ),
    path(
        "kontakte/<int:pk>/bearbeiten/",
        interactions.InteractionFormView.as_view(),
        name="interaction_update",
    ),
    path(
        "kontakte/<int:pk>/erledigt/",
        interactions.FollowUpDoneView.as_view(),
        name="followup_done",
    ),
    path("wiedervorlagen/", interactions.FollowUpListView.as_view(), name="followup_list"),
]
