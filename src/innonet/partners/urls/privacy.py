from django.urls import path

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
        "datenschutz/verzeichnis/", privacy.PrivacyRegisterView.as_view(), name="privacy_register"
    ),
]
