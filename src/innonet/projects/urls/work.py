"""Work on one project: partners and budgets, notes, tasks, documents."""

from django.urls import path

from ..views import work

urlpatterns = [
    path("projekte/<int:pk>/partner/neu/", work.PartnerFormView.as_view(), name="partner_add"),
    path(
        "projekte/partner/<int:pk>/bearbeiten/",
        work.PartnerFormView.as_view(),
        name="partner_update",
    ),
    path(
        "projekte/partner/<int:pk>/entfernen/",
        work.PartnerRemoveView.as_view(),
        name="partner_remove",
    ),
    path("projekte/<int:pk>/notizen/", work.NoteAddView.as_view(), name="note_add"),
    path("projekte/<int:pk>/aufgaben/", work.TaskAddView.as_view(), name="task_add"),
    path("projekte/aufgaben/<int:pk>/erledigt/", work.TaskDoneView.as_view(), name="task_done"),
    path("projekte/<int:pk>/dokumente/", work.DocumentAddView.as_view(), name="document_add"),
    path(
        "projekte/dokumente/<int:pk>/",
        work.DocumentDownloadView.as_view(),
        name="document_download",
    ),
]
