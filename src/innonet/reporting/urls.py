"""URLs of the pages that read across apps; names are `reporting:<page>`."""

from django.urls import path

from . import views
from .graph import views as graph_views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("projekte/kennzahlen/", views.FunnelView.as_view(), name="project_funnel"),
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
