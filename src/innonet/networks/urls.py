from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("netzwerke/", views.NetworkListView.as_view(), name="network_list"),
    path(
        "netzwerke/vereinbarungen/neu/",
        views.AgreementFormView.as_view(),
        name="agreement_create",
    ),
    path(
        "netzwerke/vereinbarungen/<int:pk>/",
        views.AgreementFormView.as_view(),
        name="agreement_update",
    ),
    path(
        "netzwerke/vereinbarungen/<int:pk>/beenden/",
        views.AgreementEndView.as_view(),
        name="agreement_end",
    ),
]
