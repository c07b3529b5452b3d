"""The audit log: all entries for staff, and the history of one object."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.views.generic import ListView

from innonet.core import descriptions, permissions
from innonet.core.models import AuditEntry
from innonet.core.search import fold

from .mixins import ReadersRequiredMixin, ScopedObjectMixin


class AuditListView(ReadersRequiredMixin, ScopedObjectMixin, ListView):
    """Every audit entry, newest first, filterable by action prefix."""

    model = AuditEntry
    paginate_by = 50
    template_name = "core/audit_list.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("actor", "content_type")
        action = self.request.GET.get("action", "").strip()[:100]
        if action:
            queryset = queryset.filter(action__startswith=action)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.request.GET.get("action", "").strip()[:100]
        context["action_filter"] = action
        context["actions"] = sorted(
            ((code, str(label)) for code, label in descriptions.ACTIONS.items()),
            key=lambda item: fold(item[1]),
        )
        context["action_known"] = action in descriptions.ACTIONS
        return context


class ObjectAuditView(ReadersRequiredMixin, ScopedObjectMixin, ListView):
    """Audit entries and field history of one object the user may see."""

    model = AuditEntry
    paginate_by = 50
    template_name = "core/audit_object.html"

    def get_target(self):
        try:
            content_type = ContentType.objects.get_for_id(self.kwargs["content_type_id"])
        except ContentType.DoesNotExist as exc:
            raise Http404 from exc
        model = content_type.model_class()
        if model is None:
            raise Http404
        try:
            policy_queryset = permissions.visible(self.request.user, model._default_manager.all())
        except LookupError as exc:
            raise Http404 from exc
        object_id = self.kwargs["object_id"]
        target = policy_queryset.filter(pk=object_id).first() if object_id.isdigit() else None
        if target is None:
            raise Http404
        return content_type, target

    def get_queryset(self):
        content_type, self.target = self.get_target()
        return (
            super()
            .get_queryset()
            .filter(content_type=content_type, object_id=str(self.target.pk))
            .select_related("actor")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        history = getattr(self.target, "history", None)
        if history is not None:
            context["field_history"] = _field_changes(history.all()[:50])
        return context


def _field_changes(records) -> list[dict]:
    """Turn simple-history records into (when, who, [(field, old, new)]) rows."""
    rows = []
    records = list(records)
    for newer, older in zip(records, [*records[1:], None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "type": newer.get_history_type_display(),
                "changes": changes,
            }
        )
    return rows
