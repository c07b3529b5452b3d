"""The staff page of background task results: what ran, what waits, what failed and why."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import ListView
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .. import descriptions
from ..workers import WorkerLost, interrupted_tasks_recover
from .mixins import StaffRequiredMixin

INTERRUPTED = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


class TaskListView(StaffRequiredMixin, ListView):
    """Every task result, newest first, filterable by status."""

    model = DBTaskResult
    paginate_by = 50
    template_name = "core/task_list.html"
    context_object_name = "results"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        interrupted_tasks_recover()  # nothing on this page says "running" for a dead worker
        return super().get(request, *args, **kwargs)

    def status_filter(self) -> str:
        status = self.request.GET.get("status", "")
        return status if status in TaskResultStatus.values else ""

    def get_queryset(self) -> QuerySet[DBTaskResult]:
        queryset = DBTaskResult.objects.order_by("-enqueued_at").defer("return_value")
        status = self.status_filter()
        if status:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["statuses"] = TaskResultStatus.choices
        context["status_filter"] = self.status_filter()
        context["rows"] = [_row(result) for result in context["results"]]
        return context


def _row(result: DBTaskResult) -> dict[str, Any]:
    """What the table shows of one result; the run number comes from the retry wrapper."""
    kwargs = (result.args_kwargs or {}).get("kwargs") or {}
    attempt = kwargs.get("attempt", 1)
    row = {
        "result": result,
        "name": descriptions.task_label(result.task_path),
        "path": result.task_path,
        "attempt": attempt if isinstance(attempt, int) else 1,
        "failed": result.status == TaskResultStatus.FAILED,
        "error": result.exception_class_path.rsplit(".", 1)[-1],
        "last_line": (result.traceback.strip().splitlines() or [""])[-1][:300],
    }
    if result.exception_class_path == INTERRUPTED:
        row["error"] = _("Interrupted")
        row["last_line"] = _(
            "The background worker stopped before this task finished. Retrying tasks run "
            "again by themselves; others can be started again where they were started."
        )
    return row
