"""The engagement panel of the organisation page, and the list of partners needing attention
with its export. Staff and the board only: activity of partners is the office's knowledge."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from innonet.core import permissions
from innonet.core.exports import Column, export
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import ReadersRequiredMixin
from innonet.partners.models import Organisation

from . import rules
from .forms import AttentionFilterForm
from .queries import (
    ATTENTION_SORTS,
    DEFAULT_ATTENTION_SORT,
    AttentionRow,
    attention_list,
    organisation_assessment,
)
from .sparkline import sparkline

PANEL_ROLES = (permissions.STAFF, permissions.BOARD)
PAGE_SIZE = 25


def trend_label(trend: str) -> str:
    """The trend in words."""
    return {
        rules.Trend.UP: _("rising"),
        rules.Trend.FLAT: _("steady"),
        rules.Trend.DOWN: _("falling"),
    }[trend]


def panel_context(user: Any, organisation: Organisation) -> dict[str, Any] | None:
    """The data of the engagement panel on the organisation page (core.panels)."""
    if not permissions.reads_everything(user):
        return None
    today = timezone.localdate()
    assessment = organisation_assessment(organisation, today)
    engagement = assessment.engagement
    return {
        "assessment": assessment,
        "engagement": engagement,
        "trend_label": trend_label(engagement.trend),
        "kind_rows": engagement.kind_rows(),
        "chart": sparkline(engagement.quarters),
        "quarters": list(zip(engagement.periods.quarters, engagement.quarters, strict=True)),
        "periods": engagement.periods,
    }


def _filter_data(request: HttpRequest) -> QueryDict:
    data = request.GET.copy()
    if not data.get("months"):
        data["months"] = str(rules.DEFAULT_QUIET_MONTHS)
    return data


def _sort(request: HttpRequest) -> str:
    requested = request.GET.get("sort", "")
    return requested if requested.lstrip("-") in ATTENTION_SORTS else DEFAULT_ATTENTION_SORT


def _rows(request: HttpRequest, form: AttentionFilterForm) -> list[AttentionRow]:
    return attention_list(today=timezone.localdate(), sort=_sort(request), **form.filters())


class AttentionListView(ReadersRequiredMixin, View):
    """Active members that went quiet, dropped clearly or wait for an overdue follow-up."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AttentionFilterForm(_filter_data(request))
        rows = _rows(request, form)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        for row in page.object_list:
            row.chart = sparkline(row.engagement.quarters)
            row.chart_id = f"chart-{row.pk}"
            row.trend_label = trend_label(row.engagement.trend)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filter": {"form": form},
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "rows": page.object_list,
            "sort": _sort(request),
            "months": form.filters()["months"],
            "export_query": query.urlencode(),
        }
        return render(request, "reporting/attention_list.html", context)


def _columns() -> list[Column[AttentionRow]]:
    def last(row: AttentionRow, part: str) -> Any:
        activity = row.engagement.last
        if activity is None:
            return None
        return {"day": activity.day, "kind": activity.kind_name, "label": activity.label}[part]

    return [
        Column(_("Organisation"), lambda row: row.name),
        Column(_("Kind"), lambda row: row.kind),
        Column(_("District"), lambda row: row.district),
        Column(_("Member since"), lambda row: row.assessment.member_since),
        Column(_("Last contact"), lambda row: last(row, "day")),
        Column(_("What it was"), lambda row: last(row, "kind")),
        Column(_("Details"), lambda row: last(row, "label")),
        Column(_("Last 12 months"), lambda row: row.engagement.recent),
        Column(_("12 months before"), lambda row: row.engagement.previous),
        Column(_("Trend"), lambda row: trend_label(row.engagement.trend)),
        Column(
            _("Follow-ups overdue"),
            lambda row: row.assessment.follow_ups.overdue if row.assessment.follow_ups else 0,
        ),
        Column(_("Why listed"), lambda row: " ".join(row.assessment.explanations())),
    ]


class AttentionExportView(ReadersRequiredMixin, View):
    """The filtered attention list as CSV or XLSX, every export audited."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        form = AttentionFilterForm(_filter_data(request))
        if not form.is_valid():
            return HttpResponseBadRequest(
                _("The filter is not valid; please correct it on the list page.")
            )
        file = export(
            _rows(request, form),
            columns=_columns(),
            fmt=fmt,
            title=_("Partners needing attention"),
            action="reporting.attention.exported",
            acting_user=request.user,
        )
        return file.response()
