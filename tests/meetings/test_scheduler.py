"""The meeting scheduler: hard rules, bad input, re-planning, and the optimiser against the
greedy baseline."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innonet.meetings.scheduler import (
    Placed,
    Plan,
    Problem,
    Request,
    schedule,
    schedule_greedy,
    violations,
)
from innonet.meetings.scheduler.optimise import _kempe_insert, _load_plan, _State, _to_plan

from .scheduler_problems import problem, problems

BOTH = (schedule, schedule_greedy)


def everyone(*people, slots=(1, 2, 3)):
    return {p: set(slots) for p in people}


def present_in_1(*people):
    return everyone(*people, slots=(1,))


@pytest.mark.parametrize("plan_with", BOTH)
def test_no_double_booking_and_availability(plan_with):
    # A is in every request but only present in slots 1 and 2: two of the three fit.
    availability = everyone("B", "C", "D") | {"A": {1, 2}}
    the_problem = problem([1, 2, 3], [7, 8], availability, [("A", "B"), ("A", "C"), ("D", "A")])
    plan = plan_with(the_problem)
    assert violations(the_problem, plan) == []
    assert len(plan.placed) == 2
    assert {placed.slot for placed in plan.meetings_of("A", the_problem)} == {1, 2}
    assert len(plan.unplaced) == 1


@pytest.mark.parametrize("plan_with", BOTH)
def test_a_table_holds_one_meeting_per_slot_and_blocked_tables_stay_empty(plan_with):
    availability = everyone(*"ABCDEF", slots=(1,))
    the_problem = problem(
        [1],
        [7, 8, 9],
        availability,
        [("A", "B"), ("C", "D"), ("E", "F")],
        blocked=frozenset({(1, 8)}),
    )
    plan = plan_with(the_problem)
    assert violations(the_problem, plan) == []
    assert sorted(placed.table for placed in plan.placed) == [7, 9]
    assert len(plan.unplaced) == 1


@pytest.mark.parametrize("plan_with", BOTH)
def test_more_requests_than_slots(plan_with):
    # One popular participant asked by 10 others, 3 slots: 3 meetings, 7 requests left over.
    others = [f"P{i}" for i in range(10)]
    the_problem = problem(
        [1, 2, 3], [7, 8, 9, 10], everyone("star", *others), [(p, "star") for p in others]
    )
    plan = plan_with(the_problem)
    assert violations(the_problem, plan) == []
    assert len(plan.placed) == 3
    assert len(plan.unplaced) == 7
    stats = plan.stats(the_problem)
    assert stats.placed_share == pytest.approx(0.3)
    assert stats.max_meetings == 3
    assert stats.without_meeting == 7


def test_empty_problem_gives_an_empty_plan():
    the_problem = problem([1], [7], {}, [])
    for plan_with in BOTH:
        plan = plan_with(the_problem)
        assert plan == Plan(placed=[], unplaced=[])
        assert plan.stats(the_problem).placed_share == 1.0


@pytest.mark.parametrize("plan_with", BOTH)
def test_fixed_meetings_are_kept_and_the_rest_filled_around_them(plan_with):
    fixed = [Placed(2, 2, 8)]  # request 2 (A, C) stays in slot 2 at table 8
    the_problem = problem(
        [1, 2],
        [7, 8],
        everyone(*"ABCD", slots=(1, 2)),
        [("A", "B"), ("A", "C"), ("C", "D"), ("B", "D")],
        fixed=fixed,
    )
    plan = plan_with(the_problem)
    assert violations(the_problem, plan) == []
    assert Placed(2, 2, 8) in plan.placed
    assert plan.dropped_fixed == []
    assert len(plan.placed) == 4


@pytest.mark.parametrize("plan_with", BOTH)
def test_invalid_fixed_meetings_are_dropped_and_their_requests_replanned(plan_with):
    # After the plan was made, B withdrew from slot 1 (now only in slot 2); the fixed meeting
    # of A and B in slot 1 cannot stand. C and D's fixed meeting at a now blocked table neither,
    # and E and F's is the second one at table 7 in slot 2.
    availability = everyone("A", "C", "D", "E", "F", slots=(1, 2)) | {"B": {2}}
    fixed = [Placed(1, 1, 7), Placed(2, 1, 8), Placed(4, 2, 7), Placed(3, 2, 7)]
    the_problem = problem(
        [1, 2],
        [7, 8],
        availability,
        [("A", "B"), ("C", "D"), ("E", "F"), ("C", "E")],
        fixed=fixed,
        blocked=frozenset({(1, 8)}),
    )
    plan = plan_with(the_problem)
    assert violations(the_problem, plan) == []
    assert plan.dropped_fixed == [1, 2, 3]
    assert Placed(4, 2, 7) in plan.placed
    placed = {p.request: p for p in plan.placed}
    assert placed[1].slot == 2  # A and B meet in the slot B still attends
    assert len(plan.placed) == 3  # slot 1 has one usable table left for C-D or E-F


def test_a_withdrawn_participant_frees_slots_for_the_others():
    the_problem = problem(
        [1, 2], [7], everyone(*"ABC", slots=(1, 2)), [("A", "B"), ("A", "C"), ("B", "C")]
    )
    first = schedule(the_problem)
    assert len(first.placed) == 2
    # C withdraws: their requests go, the others' meetings stay fixed, and nothing is lost.
    kept = [p for p in first.placed if p.request == 1]
    replanned_problem = problem(
        [1, 2], [7], everyone(*"AB", slots=(1, 2)), [("A", "B")], fixed=kept
    )
    replanned = schedule(replanned_problem)
    assert violations(replanned_problem, replanned) == []
    assert replanned.placed == kept


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: problem([1, 1], [7], present_in_1("A", "B"), []), "Duplicate slot ids"),
        (lambda: problem([1], [7, 7], present_in_1("A", "B"), []), "Duplicate table ids"),
        (
            lambda: Problem(
                [1], [7], present_in_1("A", "B"), [Request(1, "A", "B"), Request(1, "B", "A")]
            ),
            "Duplicate request ids",
        ),
        (lambda: problem([1], [7], present_in_1("A"), [("A", "A")]), "requester and recipient"),
        (lambda: problem([1], [7], present_in_1("A"), [("A", "Z")]), "unknown participant Z"),
        (lambda: problem([1], [7], {"A": {1, 5}}, []), "unknown slots [5]"),
        (lambda: problem([1], [7], present_in_1("A", "B"), [("A", "B", 0)]), "positive"),
        (lambda: problem([1], [7], present_in_1("A", "B"), [("A", "B", float("nan"))]), "positive"),
        (lambda: problem([1], [7], present_in_1("A", "B"), [("A", "B", "1")]), "a number"),
        (
            lambda: problem([1], [7], present_in_1("A", "B"), [], blocked=frozenset({(1, 9)})),
            "unknown slot or table",
        ),
        (
            lambda: problem(
                [1], [7], present_in_1("A", "B"), [("A", "B")], fixed=[Placed(9, 1, 7)]
            ),
            "unknown request 9",
        ),
        (
            lambda: problem(
                [1],
                [7],
                present_in_1("A", "B"),
                [("A", "B")],
                fixed=[Placed(1, 1, 7), Placed(1, 1, 7)],
            ),
            "Duplicate fixed request ids",
        ),
    ],
)
def test_bad_input_raises_a_clear_value_error(build, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        build()


def test_the_validator_names_each_broken_rule():
    the_problem = problem(
        [1],
        [7, 8],
        {"A": {1}, "B": {1}, "C": set()},
        [("A", "B"), ("A", "C"), ("B", "C")],
        blocked=frozenset({(1, 8)}),
    )
    plan = Plan(placed=[Placed(1, 1, 7), Placed(2, 1, 7), Placed(1, 1, 8)], unplaced=[])
    found = "\n".join(violations(the_problem, plan))
    assert "placed more than once: [1]" in found
    assert "neither placed nor unplaced: [3]" in found
    assert "blocked" in found
    assert "share table (1, 7)" in found
    assert "participant C is not present in slot 1" in found
    assert "participant A has requests" in found


def test_greedy_is_suboptimal_where_the_optimiser_places_everything():
    # B is only present in slot 1. Greedy puts A and C there first (request 1, first slot),
    # so A and B cannot meet; the optimum puts A and C in slot 2.
    the_problem = problem(
        [1, 2], [7], {"A": {1, 2}, "B": {1}, "C": {1, 2}}, [("A", "C"), ("A", "B")]
    )
    greedy = schedule_greedy(the_problem)
    best = schedule(the_problem)
    assert greedy.unplaced == [2]
    assert best.unplaced == []
    assert sorted((p.request, p.slot) for p in best.placed) == [(1, 2), (2, 1)]


def test_greedy_weight_order_loses_weight_the_optimiser_keeps():
    # Greedy places the heavy request 1 in slot 1, where B and C must both meet A... the
    # optimum moves it to slot 2 and fits request 2 as well.
    the_problem = problem(
        [1, 2], [7], {"A": {1, 2}, "B": {1, 2}, "C": {1}}, [("A", "B", 2.0), ("A", "C", 1.0)]
    )
    assert schedule_greedy(the_problem).weight(the_problem) == 2.0
    assert schedule(the_problem).weight(the_problem) == 3.0


def test_the_optimiser_spreads_meetings_fairly():
    # Two slots, one table: greedy gives the popular P both meetings and X3, X4 none; the
    # optimiser meets the same number of requests and leaves only one participant without.
    the_problem = problem(
        [1, 2],
        [7],
        everyone("P", "X1", "X2", "X3", "X4", slots=(1, 2)),
        [("X1", "P"), ("X2", "P"), ("X3", "X4")],
    )
    greedy = schedule_greedy(the_problem).stats(the_problem)
    best = schedule(the_problem).stats(the_problem)
    assert greedy.placed == best.placed == 2
    assert greedy.without_meeting == 2
    assert best.without_meeting == 1


@settings(max_examples=200, deadline=None)
@given(problems())
def test_any_problem_gets_a_valid_plan_never_worse_than_greedy(the_problem):
    greedy = schedule_greedy(the_problem)
    best = schedule(the_problem, seed=3)
    assert violations(the_problem, greedy) == []
    assert violations(the_problem, best) == []
    assert best.weight(the_problem) >= greedy.weight(the_problem) - 1e-9
    assert best.dropped_fixed == greedy.dropped_fixed


@settings(max_examples=50, deadline=None)
@given(problems())
def test_the_plan_is_the_same_for_the_same_seed(the_problem):
    assert schedule(the_problem, seed=5) == schedule(the_problem, seed=5)


def kempe_problem():
    # Greedy (first slot, in id order): A-C and D-F in slot 1, C-E and B-D in slot 2, so A-B
    # finds A busy in slot 1 and B in slot 2. Moving A-C or B-D alone to the other slot fails
    # (C, D busy there); swapping the chain A-C (1) / C-E (2) between the slots frees A in 1.
    return problem(
        [1, 2],
        [7, 8, 9],
        everyone(*"ABCDEF", slots=(1, 2)),
        [("A", "C"), ("C", "E"), ("D", "F"), ("B", "D"), ("A", "B")],
    )


def test_a_chain_swap_between_two_slots_places_the_last_request():
    the_problem = kempe_problem()
    greedy = schedule_greedy(the_problem)
    assert greedy.unplaced == [5]
    state = _State(the_problem)
    _load_plan(state, greedy)
    state.recording = True
    assert _kempe_insert(state, 4)  # request 5 is the fifth (index 4)
    plan = _to_plan(state, the_problem, {}, [])
    assert violations(the_problem, plan) == []
    assert plan.unplaced == []
    assert schedule(the_problem).unplaced == []


@settings(max_examples=100, deadline=None)
@given(problems(), st.data())
def test_after_a_withdrawal_the_others_keep_their_meetings(the_problem, data):
    first = schedule(the_problem)
    people = sorted(the_problem.availability)
    gone = data.draw(st.sampled_from(people))
    requests = [r for r in the_problem.requests if gone not in r.participants]
    staying = {r.id for r in requests}
    kept = [placed for placed in first.placed if placed.request in staying]
    availability = {p: s for p, s in the_problem.availability.items() if p != gone}
    replanned_problem = Problem(
        the_problem.slots,
        the_problem.tables,
        availability,
        requests,
        fixed=kept,
        blocked=the_problem.blocked,
    )
    replanned = schedule(replanned_problem)
    assert violations(replanned_problem, replanned) == []
    assert replanned.dropped_fixed == []
    assert set(kept) <= set(replanned.placed)


@pytest.mark.parametrize("plan_with", BOTH)
def test_without_tables_or_slots_nothing_is_placed(plan_with):
    for slots, tables in (([1, 2], []), ([], [7])):
        the_problem = problem(slots, tables, everyone("A", "B", slots=slots), [("A", "B")])
        plan = plan_with(the_problem)
        assert violations(the_problem, plan) == []
        assert plan.unplaced == [1]


@settings(max_examples=50, deadline=None)
@given(problems())
def test_a_search_cut_short_still_gives_a_valid_plan_not_worse_than_greedy(the_problem):
    plan = schedule(the_problem, time_limit=0)
    assert violations(the_problem, plan) == []
    assert plan.weight(the_problem) >= schedule_greedy(the_problem).weight(the_problem) - 1e-9
