"""Reads of innovation projects: the consortium check and budget of one project, and the
funnel figures over many (a constant number of queries, whatever the number of projects)."""

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import pairwise

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from .models import CallDeadline, InnovationProject, ProjectPartner, StageChange
from .rules import (
    PATH,
    BudgetLine,
    BudgetTotals,
    ConsortiumCheck,
    PartnerFacts,
    PartnerRole,
    Stage,
    budget_totals,
    consortium_check,
    partner_kind,
)


def consortium_facts(project: InnovationProject) -> list[PartnerFacts]:
    """The partners as the pure consortium check sees them (one query)."""
    rows = project.partners.values_list(
        "organisation_id",
        "organisation__kind",
        "organisation__sme_class",
        "role",
        "organisation__country__code",
    )
    return [
        PartnerFacts(org, partner_kind(kind, sme), PartnerRole(role), country)
        for org, kind, sme, role, country in rows
    ]


def project_consortium_check(project: InnovationProject) -> ConsortiumCheck:
    """Does the consortium fit the chosen programme's rules (or only the general ones)?"""
    programme = project.programme
    return consortium_check(
        consortium_facts(project), programme.consortium_rules if programme else None
    )


def project_budget(project: InnovationProject) -> BudgetTotals:
    """Requested, funded, own share and granted sums of one project."""
    rows = project.partners.values_list("requested_amount", "granted_amount", "funding_rate")
    return budget_totals(BudgetLine(*row) for row in rows)


def budget_per_stage(projects: QuerySet) -> dict[str, BudgetTotals]:
    """Budget sums per stage over the given projects (one query)."""
    rows = ProjectPartner.objects.filter(project__in=projects.values("pk")).values_list(
        "project__stage", "requested_amount", "granted_amount", "funding_rate"
    )
    lines: dict[str, list[BudgetLine]] = defaultdict(list)
    for stage, requested, granted, rate in rows:
        lines[stage].append(BudgetLine(requested, granted, rate))
    return {stage: budget_totals(stage_lines) for stage, stage_lines in lines.items()}


# -- funnel ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    from_stage: str
    to_stage: str
    reached: int
    converted: int

    @property
    def rate(self) -> float | None:
        return self.converted / self.reached if self.reached else None


@dataclass(frozen=True)
class Funnel:
    per_stage: dict[str, int]
    conversions: list[Conversion]
    median_days: dict[str, float | None]
    submissions_decided: int
    submissions_granted: int
    granted_volume: dict[int, Decimal]
    with_origin: int
    total: int

    @property
    def success_rate(self) -> float | None:
        if not self.submissions_decided:
            return None
        return self.submissions_granted / self.submissions_decided

    @property
    def origin_share(self) -> float | None:
        return self.with_origin / self.total if self.total else None


def funnel(projects: QuerySet | None = None) -> Funnel:
    """The funnel over `projects` (already scoped to what the viewer may see): projects per
    stage, conversion along the path, median days per stage, submission success, granted
    volume per year of the grant, and the share that started from a network activity."""
    projects = InnovationProject.objects.all() if projects is None else projects
    ids = projects.values_list("pk", flat=True)
    counts = projects.aggregate(
        total=Count("pk"), origin=Count("pk", filter=InnovationProject.origin_filter())
    )
    per_stage = dict.fromkeys(Stage, 0)
    for stage, count in projects.order_by().values_list("stage").annotate(n=Count("pk")):
        per_stage[Stage(stage)] = count
    history = StageChange.objects.filter(project__in=ids).order_by("project_id", "changed_at", "id")
    changes = list(history.values_list("project_id", "from_stage", "to_stage", "changed_at"))
    granted = dict(
        ProjectPartner.objects.filter(project__in=ids)
        .order_by()
        .values("project_id")
        .annotate(total=Sum("granted_amount"))
        .values_list("project_id", "total")
    )
    by_project: dict[int, list[tuple[str, str, datetime]]] = defaultdict(list)
    for project_id, from_stage, to_stage, at in changes:
        by_project[project_id].append((from_stage, to_stage, at))
    decided = sum(
        1
        for _p, f, t, _a in changes
        if f == Stage.SUBMITTED and t in (Stage.GRANTED, Stage.REJECTED)
    )
    won = sum(1 for _p, f, t, _a in changes if f == Stage.SUBMITTED and t == Stage.GRANTED)
    return Funnel(
        per_stage={str(stage): count for stage, count in per_stage.items()},
        conversions=_conversions(by_project.values()),
        median_days=_median_days(by_project.values()),
        submissions_decided=decided,
        submissions_granted=won,
        granted_volume=_granted_volume(by_project, granted),
        with_origin=counts["origin"],
        total=counts["total"],
    )


def _conversions(histories: Iterable[list[tuple[str, str, datetime]]]) -> list[Conversion]:
    """Of the projects that ever reached stage N, how many reached N+1 afterwards."""
    reached = dict.fromkeys(PATH, 0)
    converted = dict.fromkeys(PATH, 0)
    for history in histories:
        stages = [to_stage for _from, to_stage, _at in history]
        for index, stage in enumerate(PATH[:-1]):
            if stage not in stages:
                continue
            reached[stage] += 1
            if PATH[index + 1] in stages[stages.index(stage) + 1 :]:
                converted[stage] += 1
    return [
        Conversion(str(stage), str(PATH[i + 1]), reached[stage], converted[stage])
        for i, stage in enumerate(PATH[:-1])
    ]


def _median_days(histories: Iterable[list[tuple[str, str, datetime]]]) -> dict[str, float | None]:
    """Median length of the completed stays in each stage, in days. Stays still going on
    are left out (they are not over yet), so terminal stages have no median."""
    stays: dict[str, list[float]] = defaultdict(list)
    for history in histories:
        for (_f, stage, arrived), (_f2, _t2, left) in pairwise(history):
            stays[stage].append((left - arrived).total_seconds() / 86400)
    return {
        str(stage): round(statistics.median(stays[stage]), 1) if stays[stage] else None
        for stage in Stage
    }


def _granted_volume(
    by_project: dict[int, list[tuple[str, str, datetime]]], granted: dict[int, Decimal | None]
) -> dict[int, Decimal]:
    """Granted sums by the year of the (last) grant; a project counts once."""
    volume: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for project_id, history in by_project.items():
        grants = [at for _f, to_stage, at in history if to_stage == Stage.GRANTED]
        amount = granted.get(project_id)
        if grants and amount:
            year = timezone.localtime(grants[-1]).year
            volume[year] += amount
    return dict(sorted(volume.items()))


def upcoming_deadlines(*, limit: int | None = 5, within_days: int | None = None) -> QuerySet:
    """The next deadlines of active calls (from now on), soonest first, with call and
    programme loaded; programmes and calls are reference data every signed-in user reads."""
    now = timezone.now()
    deadlines = CallDeadline.objects.filter(
        due_at__gte=now, call__is_active=True, call__programme__is_active=True
    )
    if within_days is not None:
        deadlines = deadlines.filter(due_at__lte=now + timedelta(days=within_days))
    deadlines = deadlines.select_related("call__programme").order_by("due_at", "pk")
    return deadlines if limit is None else deadlines[:limit]
