from django.urls import path, register_converter

from .models import LegalPage
from .views import audit, health, legal, monitoring, outbox, tasks, taxonomy


class TaxonomyKindConverter:
    """Only the four taxonomies match; any other segment is a 404 from the resolver."""

    regex = "|".join(taxonomy.KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TaxonomyKindConverter, "taxonomy_kind")

app_name = "core"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/status", monitoring.health_status, name="health_status"),
    path("metrics", monitoring.metrics, name="metrics"),
    path(
        "impressum/",
        legal.LegalPageView.as_view(kind=LegalPage.Kind.IMPRINT),
        name="imprint",
    ),
    path(
        "datenschutz/",
        legal.LegalPageView.as_view(kind=LegalPage.Kind.PRIVACY),
        name="privacy",
    ),
    path("audit/", audit.AuditListView.as_view(), name="audit_list"),
    path(
        "audit/<int:content_type_id>/<str:object_id>/",
        audit.ObjectAuditView.as_view(),
        name="audit_object",
    ),
    path("taxonomies/", taxonomy.TaxonomyIndexView.as_view(), name="taxonomy_index"),
    path(
        "taxonomies/<taxonomy_kind:kind>/",
        taxonomy.TaxonomyListView.as_view(),
        name="taxonomy_list",
    ),
    path(
        "taxonomies/<taxonomy_kind:kind>/new/",
        taxonomy.TaxonomyFormView.as_view(),
        name="taxonomy_create",
    ),
    path(
        "taxonomies/<taxonomy_kind:kind>/<int:pk>/edit/",
        taxonomy.TaxonomyFormView.as_view(),
        name="taxonomy_update",
    ),
    path(
        "taxonomies/<taxonomy_kind:kind>/<int:pk>/active/",
        taxonomy.TaxonomyToggleView.as_view(),
        name="taxonomy_toggle",
    ),
    path("tasks/", tasks.TaskListView.as_view(), name="task_list"),
    path("outbox/", outbox.OutboxListView.as_view(), name="outbox_list"),
    path("outbox/<int:pk>/", outbox.OutboxDetailView.as_view(), name="outbox_detail"),
    path("outbox/<int:pk>/retry/", outbox.OutboxRetryView.as_view(), name="outbox_retry"),
    path("outbox/blocked/", outbox.SuppressedListView.as_view(), name="suppressed_list"),
    path(
        "outbox/blocked/<int:pk>/delete/",
        outbox.SuppressedDeleteView.as_view(),
        name="suppressed_delete",
    ),
]
