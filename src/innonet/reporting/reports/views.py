"""Pages of the funder's report: the issued versions, the form that issues one, a version's
page (frozen content, progress while it is made, differences) and its PDF and XLSX.

Staff and the board read; only staff issue. A version's page shows only what was frozen when
it was made, never a new computation."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error, style_filter_form
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import ReadersRequiredMixin, StaffRequiredMixin, get_visible_or_404
from innonet.core.views.sorting import sort_key, sort_queryset
from innonet.core.workers import interrupted_tasks_recover

from .. import services
from ..filters import IssuedReportFilterSet
from ..models import IssuedReport, ReportKind
from .charts import report_charts
from .document import report_document
from .forms import IssueForm, LabelIssueForm
from .label.charts import label_charts
from .label.document import label_document

PAGE_SIZE = 25
SECTION_PAGE_SIZE = 50  # events and enterprises per page on a report's page (the PDF has all)
SORTS = {
    "issued": ("issued_at", "id"),
    "period": ("period_start", "period_end", "version"),
    "version": ("version", "id"),
}
FILE_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportListView(ReadersRequiredMixin, View):
    """Issued versions, newest first; filter by period, network and status."""

    def get(self, request: HttpRequest) -> HttpResponse:
        reports = permissions.visible(request.user, IssuedReport.objects.listing())
        filterset = IssuedReportFilterSet(request.GET or None, queryset=reports)
        style_filter_form(filterset.form)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else reports
        sort = sort_key(request, SORTS, "-issued")
        page = Paginator(sort_queryset(queryset, SORTS, sort), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "reporting/reports/list.html",
            {
                "filter": filterset,
                "reports": page.object_list,
                "page_obj": page,
                "paginator": page.paginator,
                "is_paginated": page.has_other_pages(),
                "sort": sort,
                "reset_url": reverse("reporting:report_list"),
                "can_issue": permissions.can_create(request.user, IssuedReport),
            },
        )


class ReportIssueView(StaffRequiredMixin, View):
    """Choose the period and network; when versions exist, say so and ask once more."""

    template = "reporting/reports/issue.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        last_year = timezone.localdate().year - 1
        return self._render(request, IssueForm(initial={"year": last_year}))

    @method_decorator(rate_limited("export", methods=("POST",)))
    def post(self, request: HttpRequest) -> HttpResponse:
        form = IssueForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        period, network = form.cleaned_data["period"], form.cleaned_data["network"]
        existing = services.versions_of(period, network)
        if existing and not form.cleaned_data["confirm"]:
            data = request.POST.copy()
            data["confirm"] = "True"
            return self._render(request, IssueForm(data), existing=existing)
        try:
            report = services.issue_report(period, network, acting_user=request.user)
        except DomainError as error:
            form_error(form, error)
            return self._render(request, form, status=400)
        messages.success(
            request,
            _("Version %(version)s of the report is being generated.")
            % {"version": report.version},
        )
        return redirect("reporting:report_detail", pk=report.pk)

    def _render(self, request, form, *, existing=None, status: int = 200) -> HttpResponse:
        context = {"form": form, "existing": existing or []}
        if existing:
            context["next_version"] = max(report.version for report in existing) + 1
        return render(request, self.template, context, status=status)


class LabelIssueView(StaffRequiredMixin, View):
    """The cluster label evidence for a chosen period: when versions exist, ask once more."""

    template = "reporting/reports/label_issue.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        year = timezone.localdate().year
        initial = {"start": date(year - 2, 1, 1), "end": date(year - 1, 12, 31)}
        return self._render(request, LabelIssueForm(initial=initial))

    @method_decorator(rate_limited("export", methods=("POST",)))
    def post(self, request: HttpRequest) -> HttpResponse:
        form = LabelIssueForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        period, network = form.cleaned_data["period"], form.cleaned_data["network"]
        existing = services.versions_of(period, network, ReportKind.LABEL)
        if existing and not form.cleaned_data["confirm"]:
            data = request.POST.copy()
            data["confirm"] = "True"
            return self._render(request, LabelIssueForm(data), existing=existing)
        try:
            report = services.issue_report(
                period, network, acting_user=request.user, kind=ReportKind.LABEL
            )
        except DomainError as error:
            form_error(form, error)
            return self._render(request, form, status=400)
        messages.success(
            request,
            _("Version %(version)s of the cluster label evidence is being generated.")
            % {"version": report.version},
        )
        return redirect("reporting:report_detail", pk=report.pk)

    def _render(self, request, form, *, existing=None, status: int = 200) -> HttpResponse:
        context = {"form": form, "existing": existing or []}
        if existing:
            context["next_version"] = max(report.version for report in existing) + 1
        return render(request, self.template, context, status=status)


def _section(items: list, request: HttpRequest, name: str):
    return Paginator(items, SECTION_PAGE_SIZE).get_page(request.GET.get(name))


class ReportDetailView(ReadersRequiredMixin, View):
    """One version as frozen; while it is made, its progress (polled with htmx, or reloaded)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = get_visible_or_404(
            request.user, IssuedReport.objects.select_related("issued_by", "supersedes"), pk=pk
        )
        if not report.is_finished and interrupted_tasks_recover():
            report.refresh_from_db()  # a generation whose worker died was released or rerun
        if request.GET.get("poll"):
            response = render(request, "reporting/reports/_progress.html", {"report": report})
            if report.is_finished:
                response["HX-Refresh"] = "true"  # finished: reload to show the report
            return response
        context = {
            "report": report,
            "newer": list(
                IssuedReport.objects.for_scope(
                    report.period_start, report.period_end, report.network, report.kind
                )
                .filter(status=IssuedReport.Status.DONE, version__gt=report.version)
                .listing()
                .order_by("version")
            ),
            "can_retry": permissions.is_staff(request.user)
            and report.status == IssuedReport.Status.FAILED,
        }
        if report.is_label:
            if report.content:
                document = label_document(report)
                context["doc"] = document
                context["charts"] = label_charts(document)
            return render(request, "reporting/reports/label_detail.html", context)
        if report.content:
            document = report_document(report)
            context["doc"] = document
            context["charts"] = list(report_charts(document).values())
            context["events"] = _section(document.events, request, "events_page")
            context["evidence"] = [
                {**section, "page": _section(section["rows"], request, f"{section['key']}_page"),
                 "param": f"{section['key']}_page"}
                for section in document.evidence
            ]  # fmt: skip
        return render(request, "reporting/reports/detail.html", context)


class ReportFileView(ReadersRequiredMixin, View):
    """The PDF or XLSX as it was issued, as a download."""

    fmt = "pdf"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = get_visible_or_404(request.user, IssuedReport.objects.all(), pk=pk)
        if report.status != IssuedReport.Status.DONE or not getattr(report, self.fmt):
            raise Http404
        try:
            data = services.report_downloaded(report, fmt=self.fmt, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("reporting:report_detail", pk=report.pk)
        response = HttpResponse(data, content_type=FILE_TYPES[self.fmt])
        response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{self.fmt}"'
        return response


class ReportRetryView(StaffRequiredMixin, View):
    """Start the generation of a failed version again."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = get_visible_or_404(request.user, IssuedReport.objects.all(), pk=pk)
        try:
            services.report_retry(report, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The report is being generated again."))
        return redirect("reporting:report_detail", pk=report.pk)
