"""The pipeline: list, board, a project's page, editing and stage moves."""

from django.urls import path, re_path

from ..views import pipeline

urlpatterns = [
    path("projekte/", pipeline.ProjectListView.as_view(), name="project_list"),
    re_path(
        r"^projekte/export\.(?P<fmt>csv|xlsx)$",
        pipeline.ProjectExportView.as_view(),
        name="project_export",
    ),
    path("projekte/board/", pipeline.ProjectBoardView.as_view(), name="project_board"),
    path("projekte/neu/", pipeline.ProjectFormView.as_view(), name="project_create"),
    path("projekte/<int:pk>/", pipeline.ProjectDetailView.as_view(), name="project_detail"),
    path(
        "projekte/<int:pk>/bearbeiten/",
        pipeline.ProjectFormView.as_view(),
        name="project_update",
    ),
    path("projekte/<int:pk>/phase/", pipeline.ProjectMoveView.as_view(), name="project_move"),
]
