from django.urls import path, re_path

from ..views import privacy

urlpatterns = [
    path(
        "personen/<int:pk>/export.json",
        privacy.PersonExportJsonView.as_view(),
        name="person_export_json",
    ),
    path(
        "personen/<int:pk>/export.pdf",
        privacy.PersonExportPdfView.as_view(),
        name="person_export_pdf",
    ),
    path("personen/<int:pk>/loeschen/", privacy.PersonEraseView.as_view(), name="person_erase"),
    path(
        "personen/<int:pk>/zugriffe/",
        privacy.PersonAccessListView.as_view(),
        name="person_accesses",
    ),
    path(
        "personen/<int:pk>/zugriffe.csv",
        privacy.PersonAccessExportView.as_view(),
        name="person_accesses_export",
    ),
    re_path(
        r"^datenschutz/verarbeitungen\.(?P<fmt>csv|xlsx)$",
        privacy.PrivacyRecordsExportView.as_view(),
        name="privacy_records_export",
    ),
    path(
        "datenschutz/verzeichnis/", privacy.PrivacyRegisterView.as_view(), name="privacy_register"
    ),
]
