"""URLs of innovation projects and funding programmes; names are `projects:<thing>_<action>`."""

from . import pipeline, programmes, work

app_name = "projects"

urlpatterns = [
    *programmes.urlpatterns,
    *pipeline.urlpatterns,
    *work.urlpatterns,
]
