from django.urls import path

from .views import audit, home, tasks, taxonomy

app_name = "core"

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.healthz, name="healthz"),
    path("audit/", audit.AuditListView.as_view(), name="audit_list"),
    path(
        "audit/<int:content_type_id>/<str:object_id>/",
        audit.ObjectAuditView.as_view(),
        name="audit_object",
    ),
    path("taxonomies/", taxonomy.TaxonomyIndexView.as_view(), name="taxonomy_index"),
    path("tasks/", tasks.TaskListView.as_view(), name="task_list"),
]
