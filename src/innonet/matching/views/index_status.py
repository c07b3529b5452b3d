"""The staff page that shows the matching index and starts a full rebuild."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from innonet.core.views.mixins import ReadersRequiredMixin, StaffRequiredMixin
from innonet.core.workers import interrupted_tasks_recover

from .. import search_index
from ..services.index import request_rebuild


class IndexStatusView(ReadersRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        row = search_index.state()
        if row.rebuild_requested_at is not None and interrupted_tasks_recover():
            row = search_index.state()  # a rebuild whose worker died was released or rerun
        template = "matching/_index_progress.html" if request.GET.get("poll") else None
        context = {"state": row, "percent": _percent(row)}
        response = render(request, template or "matching/index_status.html", context)
        if template and row.rebuild_requested_at is None:
            response["HX-Refresh"] = "true"  # finished: reload to show the new figures
        return response


class IndexRebuildView(StaffRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if request_rebuild(acting_user=request.user):
            messages.success(request, _("The index is being rebuilt in the background."))
        else:
            messages.info(request, _("A rebuild is already under way."))
        return redirect("matching:index_status")


def _percent(row) -> int:
    if not row.rebuild_total:
        return 0
    return min(100, round(100 * row.rebuild_done / row.rebuild_total))
