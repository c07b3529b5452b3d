"""Pages that read across apps: the start page of each role, and the funnel figures over the
projects the user may see (projects and budgets per stage, conversion, median days per stage,
submission success, granted volume per year as a server-rendered bar chart with a table as its
text alternative, share from the network)."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from innonet.core import permissions
from innonet.core.views.mixins import SignedInMixin
from innonet.projects import queries
from innonet.projects.models.projects import STAGE_CHOICES
from innonet.projects.policies import visible_projects
from innonet.projects.rules import BudgetTotals, Stage, budget_totals

from .queries import start_page_context

STAGE_LABELS = dict(STAGE_CHOICES)
CHART_WIDTH = 600
BAR_SPACE = 360  # the longest bar; the rest holds the year and the amount
ROW_HEIGHT = 32


def home(request: HttpRequest) -> HttpResponse:
    """The start page: what each role needs first."""
    role = permissions.role_of(request.user)
    context = start_page_context(request.user, role)
    return render(request, f"reporting/home_{role}.html", context)


def _percent(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def volume_chart(volume: dict[int, Decimal]) -> dict[str, Any]:
    """Coordinates of a horizontal bar per year, scaled to the largest volume."""
    largest = max(volume.values(), default=Decimal(0))
    bars = []
    for index, (year, amount) in enumerate(sorted(volume.items())):
        width = int(BAR_SPACE * amount / largest) if largest else 0
        y = index * ROW_HEIGHT
        bars.append(
            {
                "year": year,
                "amount": amount,
                "y": y,
                "text_y": y + 21,
                "width": max(width, 1),
                "label_x": 60 + max(width, 1) + 8,
            }
        )
    return {"width": CHART_WIDTH, "height": max(len(bars), 1) * ROW_HEIGHT, "bars": bars}


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
