"""Building the plan through the office's button: the background task runs the scheduler on
the marketplace's rows and stores the result; re-plans keep what is placed."""

import pytest

from innonet.core.tasking import interruption_plan
from innonet.events.models import RegistrationStatus
from innonet.meetings import services
from innonet.meetings.models import Meeting, MeetingRequest, MeetingSeat, PlanState, RequestStatus
from innonet.meetings.scheduler import Plan, Problem, violations
from innonet.meetings.services import MeetingError
from innonet.meetings.tasks import build_plan, release_plan

from .world import accepted, join, marketplace_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_plans(settings):
    settings.MEETINGS_PLAN_SECONDS = 2.0


def build(market, office, django_capture_on_commit_callbacks, *, keep_existing=True):
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_request(market, keep_existing=keep_existing, acting_user=office)
    market.refresh_from_db()
    return market


def assert_no_double_booking(market):
    meetings = list(Meeting.objects.filter(marketplace=market).select_related("request"))
    per_place = {(m.slot_id, m.table_id) for m in meetings}
    assert len(per_place) == len(meetings)
    seats = [
        (p, m.slot_id) for m in meetings for p in (m.request.requester_id, m.request.recipient_id)
    ]
    assert len(set(seats)) == len(seats)
    assert MeetingSeat.objects.count() == len(seats)


def test_more_requests_than_slots_fills_what_fits(staff_user, django_capture_on_commit_callbacks):
    market = marketplace_for(slots=2, tables=2, breaks=(0,), office=staff_user)
    people = [join(market) for _ in range(5)]
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            accepted(first, second)
    market = build(market, staff_user, django_capture_on_commit_callbacks)
    assert market.plan_state == PlanState.DONE and market.plan_progress == 100
    placed = Meeting.objects.count()
    # 5 people meet at most 2 others in 2 slots, two at a time: at most 2 + 2 meetings fit.
    assert placed == 4
    assert_no_double_booking(market)
    assert not Meeting.objects.filter(slot__kind="break").exists()
    unplaced = MeetingRequest.objects.filter(
        status=RequestStatus.ACCEPTED, meeting__isnull=True
    ).count()
    assert unplaced == 6  # ten accepted, four placed


def test_the_plan_respects_who_is_there_when(staff_user, django_capture_on_commit_callbacks):
    market = marketplace_for(slots=3, tables=3, office=staff_user)
    alice, bob, carol = (join(market) for _ in range(3))
    first, second, third = market.slots.filter(kind="meeting")
    services.participant_update(
        alice, headline="x", unavailable_slots=[first, second], acting_user=alice.user
    )
    accepted(alice, bob)
    accepted(bob, carol)
    build(market, staff_user, django_capture_on_commit_callbacks)
    assert Meeting.objects.get(request__requester=alice).slot == third
    assert Meeting.objects.get(request__requester=bob).slot in (first, second)
    assert_no_double_booking(market)


def test_a_withdrawal_after_the_plan_frees_only_its_meetings(
    staff_user, django_capture_on_commit_callbacks
):
    market = marketplace_for(slots=1, tables=1, office=staff_user)
    alice, bob, carol, dave = (join(market) for _ in range(4))
    accepted(alice, bob)
    accepted(carol, dave)
    build(market, staff_user, django_capture_on_commit_callbacks)
    placed = Meeting.objects.get()
    stays = placed.request.requester_id in (carol.pk, dave.pk)
    leaving = alice if stays else carol
    services.participant_withdraw(leaving, acting_user=leaving.user)
    build(market, staff_user, django_capture_on_commit_callbacks)
    meeting = Meeting.objects.get()
    if stays:
        assert meeting.pk == placed.pk  # kept where it was
    else:
        assert meeting.request.requester == alice  # the freed table went to the waiting pair


def test_a_cancelled_registration_leaves_the_plan(staff_user, django_capture_on_commit_callbacks):
    market = marketplace_for(slots=2, tables=1, office=staff_user)
    alice, bob = join(market), join(market)
    request = accepted(alice, bob)
    bob.registration.status = RegistrationStatus.CANCELLED
    bob.registration.save()
    build(market, staff_user, django_capture_on_commit_callbacks)
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert not Meeting.objects.exists()


def test_the_stored_plan_passes_the_schedulers_own_check(
    staff_user, django_capture_on_commit_callbacks
):
    market = marketplace_for(slots=4, tables=2, office=staff_user)
    people = [join(market) for _ in range(6)]
    for i, first in enumerate(people):
        for second in people[i + 1 : i + 4]:
            accepted(first, second)
    build(market, staff_user, django_capture_on_commit_callbacks)
    problem = services.problem_for(market, keep_existing=True)
    placed = {p.request for p in problem.fixed}
    unplaced = [r.id for r in problem.requests if r.id not in placed]
    stored = Plan(placed=list(problem.fixed), unplaced=unplaced)
    assert len(placed) >= 6
    assert violations(Problem(**{**problem.__dict__, "fixed": ()}), stored) == []


def test_a_plan_needs_slots_and_tables_and_runs_once(staff_user):
    empty = marketplace_for(slots=0, tables=0, office=staff_user)
    with pytest.raises(MeetingError):
        services.plan_request(empty, acting_user=staff_user)
    market = marketplace_for(office=staff_user)
    services.plan_request(market, acting_user=staff_user)  # queued, not run (no commit)
    with pytest.raises(MeetingError):
        services.plan_request(market, acting_user=staff_user)


def test_members_cannot_start_a_plan(member_user):
    market = marketplace_for()
    with pytest.raises(MeetingError):
        services.plan_request(market, acting_user=member_user)
    market.refresh_from_db()
    assert market.plan_state == PlanState.NONE


def test_a_killed_plan_run_is_retried_and_at_last_shown_as_failed(staff_user):
    assert interruption_plan(build_plan) == "retried+handled"
    market = marketplace_for(office=staff_user)
    services.plan_request(market, acting_user=staff_user)
    release_plan({"marketplace_id": market.pk}, retried=True)
    market.refresh_from_db()
    assert market.plan_state == PlanState.QUEUED
    release_plan({"marketplace_id": market.pk}, retried=False)
    market.refresh_from_db()
    assert market.plan_state == PlanState.FAILED
    services.plan_request(market, acting_user=staff_user)  # offered again


def test_an_unexpected_error_in_a_plan_run_is_not_shown_in_its_own_words(
    staff_user, client_for, monkeypatch
):
    from innonet.meetings import tasks

    market = marketplace_for(office=staff_user)

    def broken(*args, **kwargs):
        raise ValueError("Request 7: weight must be a number")

    monkeypatch.setattr(tasks, "plan_build", broken)
    with pytest.raises(ValueError):
        build_plan.call(marketplace_id=market.pk)
    market.refresh_from_db()
    assert (market.plan_state, market.plan_message) == (PlanState.FAILED, "")
    page = client_for(staff_user).get(f"/veranstaltungen/{market.event_id}/treffen/buero/plan/")
    text = page.content.decode()
    assert "weight must be a number" not in text
    assert "administrators" in text or "Administr" in text
