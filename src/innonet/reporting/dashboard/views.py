"""The dashboard, the records behind one figure, and the office's yearly targets."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from innonet.core.errors import DomainError
from innonet.core.exports import Column, export
from innonet.core.views.mixins import ReadersRequiredMixin, StaffRequiredMixin
from innonet.reporting.indicators import GROUPS, INDICATORS
from innonet.reporting.indicators.records import Described, describe
from innonet.reporting.services import parse_target, targets_for, targets_set

from .formatting import format_value
from .forms import PeriodForm
from .queries import dashboard, indicator_result

RECORDS_PER_PAGE = 50


def _filter(request: HttpRequest, *, year_only: bool = False) -> PeriodForm:
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    if year_only:  # targets are set per year
        del form.fields["start"], form.fields["end"]
    if request.GET:
        form.is_valid()
    return form


class DashboardView(ReadersRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = _filter(request)
        period, network = form.chosen_period(), form.chosen_network()
        context: dict[str, Any] = {
            "form": form,
            "period": period,
            "network": network,
            "query": form.query(),
            **dashboard(period, network, fresh=request.GET.get("refresh") == "1"),
        }
        return render(request, "reporting/dashboard.html", context)


class IndicatorDetailView(ReadersRequiredMixin, View):
    """One figure and the records it counts, with the evidence for each; as XLSX or CSV too."""

    def get(self, request: HttpRequest, indicator: str) -> HttpResponse:
        code = indicator
        indicator = INDICATORS.get(code)
        if indicator is None:
            raise Http404
        form = _filter(request)
        period, network = form.chosen_period(), form.chosen_network()
        result = indicator_result(code, period, network, fresh=request.GET.get("refresh") == "1")
        export_format = request.GET.get("format", "")
        if export_format in ("csv", "xlsx"):
            return self.export(request, indicator, result, export_format, period)
        page = Paginator(result["records"], RECORDS_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "indicator": indicator,
            "group": GROUPS[indicator.group],
            "value": format_value(indicator, result["value"]),
            "result": result,
            "rows": describe(page.object_list),
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            "paginator": page.paginator,
            "period": period,
            "network": network,
            "query": form.query(),
        }
        return render(request, "reporting/indicator_detail.html", context)

    def export(self, request, indicator, result, export_format, period) -> HttpResponse:
        columns: list[Column[Described]] = [
            Column(_("Kind"), lambda row: row.kind_label),
            Column(_("Name"), lambda row: row.label),
            Column(_("Date"), lambda row: row.day),
            Column(
                _("Counted because of"),
                lambda row: "; ".join(
                    f"{item.kind_label} {item.label} ({item.day_text})" for item in row.evidence
                ),
            ),
        ]
        file = export(
            describe(result["records"]),
            columns=columns,
            fmt=export_format,
            title=str(indicator.label),
            action="reporting.indicator.exported",
            acting_user=request.user,
            name_suffix=f"{period.start.isoformat()}-{period.end.isoformat()}",
        )
        return file.response()


class TargetsView(StaffRequiredMixin, View):
    """The office sets each indicator's target for a year and a network (or all networks)."""

    def _context(self, request, form: PeriodForm, year: int, entered=None, errors=None) -> dict:
        network = form.chosen_network()
        saved = targets_for(year, network)
        rows = []
        for code, indicator in INDICATORS.items():
            value = saved.get(code)
            text = entered.get(code, "") if entered is not None else (
                "" if value is None else f"{value.normalize():f}".replace(".", ",")
            )  # fmt: skip
            rows.append({"indicator": indicator, "text": text, "error": (errors or {}).get(code)})
        return {"form": form, "year": year, "network": network, "rows": rows,
                "groups": GROUPS}  # fmt: skip

    def _year(self, form: PeriodForm) -> int:
        return form.chosen_period().start.year

    def get(self, request: HttpRequest) -> HttpResponse:
        form = _filter(request, year_only=True)
        return render(
            request, "reporting/targets.html", self._context(request, form, self._year(form))
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = _filter(request, year_only=True)
        year = self._year(form)
        entered = {code: request.POST.get(f"target-{code}", "")[:40] for code in INDICATORS}
        values, errors = {}, {}
        for code, text in entered.items():
            try:
                values[code] = parse_target(code, text)
            except DomainError as error:
                errors[code] = error.message
        if errors:
            context = self._context(request, form, year, entered, errors)
            return render(request, "reporting/targets.html", context, status=400)
        targets_set(year, form.chosen_network(), values, acting_user=request.user)
        messages.success(request, _("The targets for %(year)s are saved.") % {"year": year})
        return redirect(f"{reverse('reporting:targets')}?{request.GET.urlencode()}")
