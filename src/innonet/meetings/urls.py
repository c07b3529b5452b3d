"""URLs of the meeting marketplace, under the event's address; names are `meetings:<page>`."""

from django.urls import path

from .views import documents, office, participant

app_name = "meetings"

E = "veranstaltungen/<int:pk>/treffen/"

urlpatterns = [
    # participants
    path(E, participant.MarketplaceView.as_view(), name="marketplace"),
    path(f"{E}teilnehmen/", participant.JoinView.as_view(), name="join"),
    path(f"{E}profil/", participant.ProfileView.as_view(), name="profile"),
    path(f"{E}austreten/", participant.WithdrawView.as_view(), name="withdraw"),
    path(f"{E}anfragen/", participant.MyRequestsView.as_view(), name="my_requests"),
    path(
        f"{E}anfragen/an/<int:participant>/",
        participant.RequestCreateView.as_view(),
        name="request_create",
    ),
    path(
        "treffen/anfragen/<int:pk>/antworten/",
        participant.RequestAnswerView.as_view(),
        name="request_answer",
    ),
    path(
        "treffen/anfragen/<int:pk>/zurueckziehen/",
        participant.RequestWithdrawView.as_view(),
        name="request_withdraw",
    ),
    path(f"{E}plan/", participant.MyPlanView.as_view(), name="my_plan"),
    path(f"{E}plan.pdf", documents.MyPlanPdfView.as_view(), name="my_plan_pdf"),
    path(f"{E}plan.ics", documents.MyPlanIcsView.as_view(), name="my_plan_ics"),
    # the office
    path(f"{E}eroeffnen/", office.OpenView.as_view(), name="open"),
    path(f"{E}buero/", office.OfficeView.as_view(), name="office"),
    path(f"{E}buero/einstellungen/", office.SettingsView.as_view(), name="settings"),
    path(f"{E}buero/zeiten/", office.SlotAddView.as_view(), name="slot_add"),
    path(
        f"{E}buero/zeiten/<int:slot>/entfernen/",
        office.SlotDeleteView.as_view(),
        name="slot_delete",
    ),
    path(f"{E}buero/tische/", office.TableAddView.as_view(), name="table_add"),
    path(
        f"{E}buero/tische/<int:table>/entfernen/",
        office.TableDeleteView.as_view(),
        name="table_delete",
    ),
    path(f"{E}buero/anfragen/", office.OfficeRequestsView.as_view(), name="office_requests"),
    path(f"{E}buero/plan/", office.OfficePlanView.as_view(), name="office_plan"),
    path(f"{E}buero/plan/erstellen/", office.PlanBuildView.as_view(), name="plan_build"),
    path(f"{E}buero/plan/stand/", office.PlanStatusView.as_view(), name="plan_status"),
    path("treffen/<int:pk>/ergebnis/", office.OutcomeView.as_view(), name="outcome"),
]
