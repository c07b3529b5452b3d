"""URLs of the pages that read across apps; names are `reporting:<page>`."""

from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("projekte/kennzahlen/", views.FunnelView.as_view(), name="project_funnel"),
]
