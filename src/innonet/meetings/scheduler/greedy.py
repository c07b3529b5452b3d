"""The simple baseline: requests by weight (then id), each in the first slot that fits."""

from .problem import Placed, Plan, Problem, usable_fixed


def schedule_greedy(problem: Problem) -> Plan:
    """Keep the fixed meetings, then give each request the earliest slot where both are free
    and a table is free (the first such table), in order of weight (descending), then id."""
    kept, dropped = usable_fixed(problem)
    requests = problem.request_by_id()
    busy: set[tuple[int, int]] = set()  # (participant, slot)
    taken = {(placed.slot, placed.table) for placed in kept}
    for placed in kept:
        busy.update((p, placed.slot) for p in requests[placed.request].participants)
    # Each slot's free tables in the given order, taken from the front.
    free = {
        slot: [
            table
            for table in reversed(problem.tables)
            if (slot, table) not in problem.blocked and (slot, table) not in taken
        ]
        for slot in problem.slots
    }
    placed_ids = {placed.request for placed in kept}
    plan = Plan(placed=list(kept), unplaced=[], dropped_fixed=dropped)
    for request in sorted(problem.requests, key=lambda r: (-r.weight, r.id)):
        if request.id in placed_ids:
            continue
        people = request.participants
        slot = next(
            (
                slot
                for slot in problem.slots
                if free[slot]
                and all(slot in problem.availability[p] and (p, slot) not in busy for p in people)
            ),
            None,
        )
        if slot is None:
            plan.unplaced.append(request.id)
            continue
        plan.placed.append(Placed(request.id, slot, free[slot].pop()))
        busy.update((p, slot) for p in people)
    plan.unplaced.sort()
    return plan
