"""The demo pipeline: programmes with calls and deadlines, projects in every kind of stage."""

import pytest

from innonet.demo.services import demo_load
from innonet.projects.models import FundingCall, InnovationProject, StageChange
from innonet.projects.queries import funnel
from innonet.projects.rules import TRANSITIONS, Stage

pytestmark = pytest.mark.django_db


def test_the_demo_pipeline_follows_the_stage_rules():
    demo_load(seed=4)
    projects = InnovationProject.objects.all()
    assert projects.count() >= 30
    assert {p.stage for p in projects} >= {Stage.IDEA, Stage.SUBMITTED, Stage.GRANTED}
    for change in StageChange.objects.exclude(from_stage=""):
        assert change.to_stage in TRANSITIONS[Stage(change.from_stage)]
    assert FundingCall.objects.filter(deadlines__isnull=False).exists()
    figures = funnel(projects)
    assert figures.success_rate is not None
    assert projects.filter(origin_event__isnull=False).exists()
