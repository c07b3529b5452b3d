"""URLs: cooperation profiles as files of the EEN partnering format (export and import)."""

from django.urls import path, re_path

from ..views import een

urlpatterns = [
    re_path(
        r"^kooperation/(?P<pk>[0-9]+)/een\.(?P<fmt>json|xml)$",
        een.ProfileEenExportView.as_view(),
        name="profile_een_export",
    ),
    re_path(
        r"^kooperation/een-export\.(?P<fmt>json|xml)$",
        een.ProfileEenListExportView.as_view(),
        name="profile_een_list_export",
    ),
    path("kooperation/een-import/", een.ProfileEenImportView.as_view(), name="profile_een_import"),
    path(
        "kooperation/een-import/bestaetigen/",
        een.ProfileEenImportConfirmView.as_view(),
        name="profile_een_import_confirm",
    ),
]
