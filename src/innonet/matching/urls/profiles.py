"""URLs: cooperation profiles (the partner-search board, a profile, create, edit, status,
renewal)."""

from django.urls import path

from ..views import profiles

urlpatterns = [
    path("kooperation/", profiles.ProfileListView.as_view(), name="profile_list"),
    path("kooperation/neu/", profiles.ProfileFormView.as_view(), name="profile_create"),
    path("kooperation/<int:pk>/", profiles.ProfileDetailView.as_view(), name="profile_detail"),
    path(
        "kooperation/<int:pk>/bearbeiten/",
        profiles.ProfileFormView.as_view(),
        name="profile_update",
    ),
    path(
        "kooperation/<int:pk>/status/", profiles.ProfileStatusView.as_view(), name="profile_status"
    ),
    path(
        "kooperation/<int:pk>/verlaengern/",
        profiles.ProfileRenewView.as_view(),
        name="profile_renew",
    ),
]
