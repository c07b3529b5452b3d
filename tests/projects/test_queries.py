"""Funnel figures from the stage history, and the per-project consortium check and budget."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from innonet.projects import queries
from innonet.projects.models import InnovationProject
from tests.clock import counting_queries
from tests.factories import CountryFactory, OrganisationFactory
from tests.projects.factories import StageChangeFactory

from .factories import PartnerFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2024, 1, 1, 9, 0, tzinfo=BERLIN)


def with_history(stages: list[str], *, days: list[int], granted=None, **fields):
    """A project that went through `stages`, arriving at each after the given days."""
    project = ProjectFactory(stage=stages[-1], **fields)
    previous = ""
    for stage, day in zip(stages, days, strict=True):
        StageChangeFactory(
            project=project,
            from_stage=previous,
            to_stage=stage,
            changed_at=START + timedelta(days=day),
        )
        previous = stage
    for amount in granted or []:
        PartnerFactory(project=project, requested_amount=amount, granted_amount=amount)
    return project


@pytest.fixture
def history():
    path = ["idea", "sounding", "consortium", "preparation", "submitted", "granted"]
    with_history(
        path, days=[0, 10, 20, 40, 60, 420], granted=[Decimal("1000.00"), Decimal("500.50")]
    )
    with_history(
        [*path[:5], "rejected", "preparation", "submitted", "granted"],
        days=[0, 4, 8, 30, 50, 80, 90, 100, 150],
        granted=[Decimal("200.00")],
        origin_note="IT-Frühstück 2023",
    )
    with_history(["idea", "sounding", "dropped"], days=[0, 30, 31], origin_note="Messe")
    with_history(["idea"], days=[0])


def test_projects_per_stage(history):
    figures = queries.funnel()
    assert figures.per_stage["granted"] == 2
    assert figures.per_stage["dropped"] == 1 and figures.per_stage["idea"] == 1
    assert figures.per_stage["running"] == 0
    assert figures.total == 4


def test_conversion_between_consecutive_stages(history):
    conversions = {c.from_stage: c for c in queries.funnel().conversions}
    assert (conversions["idea"].reached, conversions["idea"].converted) == (4, 3)
    assert (conversions["sounding"].reached, conversions["sounding"].converted) == (3, 2)
    assert conversions["submitted"].rate == 1.0
    assert conversions["granted"].rate == 0.0  # none running yet
    assert conversions["running"].rate is None  # nobody got there


def test_submission_success_counts_every_decision(history):
    figures = queries.funnel()
    assert (figures.submissions_granted, figures.submissions_decided) == (2, 3)
    assert figures.success_rate == pytest.approx(2 / 3)


def test_median_days_in_each_stage(history):
    median = queries.funnel().median_days
    assert median["idea"] == 10.0  # stays of 10, 4 and 30 days
    assert median["submitted"] == 50.0  # stays of 360, 30 and 50 days
    assert median["granted"] is None and median["finished"] is None


def test_granted_volume_by_year_of_the_grant_and_origin_share(history):
    figures = queries.funnel()
    assert figures.granted_volume == {2024: Decimal("200.00"), 2025: Decimal("1500.50")}
    assert figures.origin_share == 0.5


def test_funnel_respects_the_given_scope(history):
    scoped = queries.funnel(InnovationProject.objects.filter(stage="dropped"))
    assert scoped.total == 1 and scoped.submissions_decided == 0 and scoped.granted_volume == {}


def test_the_funnel_needs_the_same_number_of_queries_for_more_projects(history):
    with counting_queries() as few:
        queries.funnel()
    for _ in range(5):
        with_history(["idea", "sounding", "dropped"], days=[0, 3, 9], granted=[Decimal("1")])
    with counting_queries() as more:
        queries.funnel()
    assert len(more) == len(few) <= 5


def test_consortium_check_and_budget_of_one_project():
    programme = ProgrammeFactory(min_partners=2, requires_research=True, min_countries=2)
    project = ProjectFactory(programme=programme)
    de = CountryFactory(code="DE")
    PartnerFactory(
        project=project,
        organisation=OrganisationFactory(country=de),
        role="lead",
        requested_amount=Decimal("10.01"),
        funding_rate=Decimal("50"),
    )
    PartnerFactory(
        project=project,
        organisation=OrganisationFactory(kind="university", country=de),
        requested_amount=Decimal("100.00"),
    )
    check = queries.project_consortium_check(project)
    assert not check.ok and [f.rule for f in check.unmet] == ["countries"]
    budget = queries.project_budget(project)
    assert (budget.requested, budget.funded, budget.own_share) == (
        Decimal("110.01"),
        Decimal("5.01"),
        Decimal("105.00"),
    )
    assert budget.without_rate == 1
    per_stage = queries.budget_per_stage(InnovationProject.objects.all())
    assert per_stage["idea"].requested == Decimal("110.01")
