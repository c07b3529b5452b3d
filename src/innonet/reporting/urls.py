"""URLs of the pages that read across apps; names are `reporting:<page>`."""

from django.urls import path, re_path

from . import views
from .dashboard import views as dashboard
from .engagement import views as engagement
from .graph import views as graph_views
from .reports import views as reports

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("projekte/kennzahlen/", views.FunnelView.as_view(), name="project_funnel"),
    path("kennzahlen/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("kennzahlen/ziele/", dashboard.TargetsView.as_view(), name="targets"),
    path(
        "kennzahlen/<str:indicator>/",
        dashboard.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path("partner/aufmerksamkeit/", engagement.AttentionListView.as_view(), name="attention"),
    re_path(
        r"^partner/aufmerksamkeit/export\.(?P<fmt>csv|xlsx)$",
        engagement.AttentionExportView.as_view(),
        name="attention_export",
    ),
]

# The funder's report: issued versions, each frozen with its PDF and XLSX.
urlpatterns += [
    path("berichte/", reports.ReportListView.as_view(), name="report_list"),
    path("berichte/neu/", reports.ReportIssueView.as_view(), name="report_issue"),
    path("berichte/cluster-label/neu/", reports.LabelIssueView.as_view(), name="label_issue"),
    path("berichte/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path("berichte/<int:pk>/pdf/", reports.ReportFileView.as_view(fmt="pdf"), name="report_pdf"),
    path("berichte/<int:pk>/xlsx/", reports.ReportFileView.as_view(fmt="xlsx"), name="report_xlsx"),
    path("berichte/<int:pk>/erneut/", reports.ReportRetryView.as_view(), name="report_retry"),
]

# The network as a graph.
urlpatterns += [
    path("netzwerk/graph/", graph_views.NetworkGraphView.as_view(), name="network_graph"),
    path(
        "netzwerk/graph/graphml/",
        graph_views.NetworkGraphGraphmlView.as_view(),
        name="network_graph_graphml",
    ),
    path(
        "netzwerk/graph/csv/", graph_views.NetworkGraphCsvView.as_view(), name="network_graph_csv"
    ),
]
