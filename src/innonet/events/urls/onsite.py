"""On the day and after: check-in, participant list and badges, figures, feedback, tasks."""

from django.urls import path

from ..views import onsite

urlpatterns = [
    path("veranstaltungen/<int:pk>/einlass/", onsite.CheckInView.as_view(), name="checkin"),
    path(
        "veranstaltungen/einlass/<int:pk>/",
        onsite.CheckInToggleView.as_view(),
        name="checkin_toggle",
    ),
    path(
        "veranstaltungen/<int:pk>/teilnehmerliste.pdf",
        onsite.ParticipantListPdfView.as_view(),
        name="participant_list_pdf",
    ),
    path(
        "veranstaltungen/<int:pk>/namensschilder.pdf",
        onsite.BadgesPdfView.as_view(),
        name="badges_pdf",
    ),
    path(
        "veranstaltungen/<int:pk>/auswertung/",
        onsite.EventFiguresView.as_view(),
        name="event_figures",
    ),
    path("veranstaltungen/<int:pk>/aufgaben/", onsite.TaskAddView.as_view(), name="task_add"),
    path(
        "veranstaltungen/aufgaben/<int:pk>/erledigt/",
        onsite.TaskDoneView.as_view(),
        name="task_done",
    ),
]
