"""Pages that read across apps: the start page of each role, and the funnel figures over the
projects the user may see (projects and budgets per stage, conversion, median days per stage,
submission success, granted volume per year as a server-rendered bar chart with a table as its
text alternative, share from the network)."""

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views import View

from innonet.core import permissions
from innonet.core.views.mixins import SignedInMixin
from innonet.projects import queries
from innonet.projects.models.projects import STAGE_CHOICES
from innonet.projects.policies import visible_projects
from innonet.projects.rules import BudgetTotals, Stage, budget_totals

from .charts import EURO, Chart, Series, bar_chart
from .queries import start_page_context

STAGE_LABELS = dict(STAGE_CHOICES)


def home(request: HttpRequest) -> HttpResponse:
    """The start page: what each role needs first."""
    role = permissions.role_of(request.user)
    context = start_page_context(request.user, role)
    return render(request, f"reporting/home_{role}.html", context)


def _percent(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def volume_chart(volume: dict[int, Decimal]) -> Chart:
    """Granted volume per year of the grant, with the same numbers as a table."""
    years = sorted(volume)
    return bar_chart(
        [str(year) for year in years],
        [Series(gettext("Granted (EUR)"), [volume[year] for year in years])],
        title=gettext("Granted volume per year of the grant"),
        description=gettext("Granted sums of the projects, by the year of their (last) grant."),
        unit=EURO,
        category_label=gettext("Year"),
        width=520,  # drawn for its half-width column
    )


class FunnelView(SignedInMixin, View):
    """The funnel page; every figure counts only projects this user may see."""

    def get(self, request: HttpRequest) -> HttpResponse:
        projects = visible_projects(request.user)
        funnel = queries.funnel(projects)
        budgets = queries.budget_per_stage(projects)
        empty = budget_totals([])
        stages = [
            {
                "stage": str(stage),
                "label": STAGE_LABELS[stage],
                "count": funnel.per_stage.get(str(stage), 0),
                "median_days": funnel.median_days.get(str(stage)),
                "budget": budgets.get(str(stage), empty),
            }
            for stage in Stage
        ]
        total_budget = BudgetTotals(
            *(
                sum((getattr(row["budget"], name) for row in stages), start=Decimal("0.00"))
                for name in ("requested", "funded", "own_share", "granted")
            ),
            without_rate=sum(row["budget"].without_rate for row in stages),
        )
        conversions = [
            {
                "from_label": STAGE_LABELS[c.from_stage],
                "to_label": STAGE_LABELS[c.to_stage],
                "reached": c.reached,
                "converted": c.converted,
                "percent": _percent(c.rate),
            }
            for c in funnel.conversions
        ]
        context = {
            "funnel": funnel,
            "stages": stages,
            "total_budget": total_budget,
            "conversions": conversions,
            "success_percent": _percent(funnel.success_rate),
            "origin_percent": _percent(funnel.origin_share),
            "chart": volume_chart(funnel.granted_volume),
        }
        return render(request, "reporting/funnel.html", context)
