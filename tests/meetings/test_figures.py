"""Meetings held, no-shows and introductions from meetings count in the network's figures."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from innonet.meetings import services
from innonet.meetings.models import Outcome, PlanState
from innonet.reporting.indicators import Period, compute
from innonet.reporting.indicators.facts import load_facts
from tests.factories import UserFactory

from .world import accepted, join, marketplace_for

pytestmark = pytest.mark.django_db


def test_meeting_outcomes_count_in_the_indicators(staff_user):
    market = marketplace_for(slots=2, tables=2)
    market.plan_state = PlanState.DONE
    market.save()
    people = [join(market, UserFactory()) for _ in range(4)]
    held = accepted(people[0], people[1]).meeting
    missed = accepted(people[2], people[3]).meeting
    open_one = accepted(people[0], people[2]).meeting
    assert open_one is not None
    with time_machine.travel(market.event.ends_at, tick=False):
        services.outcome_record(held, outcome=Outcome.HELD, follow_up=True, acting_user=staff_user)
        services.outcome_record(missed, outcome=Outcome.NO_SHOW_RECIPIENT, acting_user=staff_user)
    day = timezone.localdate(market.event.starts_at)
    facts = load_facts(None, as_of=day + timedelta(days=1))
    result = compute(facts, Period(day, day), ["meetings_held"])["meetings_held"]
    assert result.value == 1
    assert {part.key: part.value for part in result.parts} == {"no_shows": 1, "introductions": 1}
    assert [record.pk for record in result.records] == [market.event.pk]
    before = compute(facts, Period(day - timedelta(days=30), day - timedelta(days=1)))
    assert before["meetings_held"].value == 0
