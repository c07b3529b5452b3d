from django.urls import path, re_path

from ..views import organisations as views

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    re_path(
        r"^export\.(?P<fmt>csv|xlsx)$",
        views.OrganisationExportView.as_view(),
        name="organisation_export",
    ),
    path("neu/", views.OrganisationFormView.as_view(), name="organisation_create"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<int:pk>/bearbeiten/", views.OrganisationFormView.as_view(), name="organisation_update"),
    path(
        "<int:pk>/mitgliedschaft/",
        views.MembershipStatusView.as_view(),
        name="organisation_membership",
    ),
    path("<int:pk>/logo/", views.OrganisationLogoView.as_view(), name="organisation_logo"),
    path("<int:pk>/profil/", views.OrganisationPublicView.as_view(), name="organisation_public"),
    path("<int:organisation_pk>/einheiten/neu/", views.UnitFormView.as_view(), name="unit_create"),
    path("einheiten/<int:pk>/bearbeiten/", views.UnitFormView.as_view(), name="unit_update"),
    path("einheiten/<int:pk>/loeschen/", views.UnitDeleteView.as_view(), name="unit_delete"),
]
