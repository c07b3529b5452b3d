from django.urls import path

from ..views import interactions

urlpatterns = [
    path("kontakte/", interactions.InteractionListView.as_view(), name="interaction_list"),
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
