"""URLs of the pages that read across apps; names are `reporting:<page>`."""

from django.urls import path

from . import views
from .reports import views as reports

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("projekte/kennzahlen/", views.FunnelView.as_view(), name="project_funnel"),
]

# The funder's report: issued versions, each frozen with its PDF and XLSX.
urlpatterns += [
    path("berichte/", reports.ReportListView.as_view(), name="report_list"),
    path("berichte/neu/", reports.ReportIssueView.as_view(), name="report_issue"),
    path("berichte/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path("berichte/<int:pk>/pdf/", reports.ReportFileView.as_view(fmt="pdf"), name="report_pdf"),
    path("berichte/<int:pk>/xlsx/", reports.ReportFileView.as_view(fmt="xlsx"), name="report_xlsx"),
    path("berichte/<int:pk>/erneut/", reports.ReportRetryView.as_view(), name="report_retry"),
]
