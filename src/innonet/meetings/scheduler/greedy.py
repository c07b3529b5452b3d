"""The simple baseline: requests by weight (then id), each in the first slot that fits."""

from .problem import Placed, Plan, Problem, usable_fixed


def schedule_greedy(problem: Problem) -> Plan:
    """Keep the fixed meetings, then give each request the earliest slot where both are free
    and a table is free (the first such table), in order of weight (descending), then id."""
    kept, dropped = usable_fixed(problem)
    requests = problem.request_by_id()
    busy: set[tuple[int, int]] = set()
    taken: set[tuple[int, int]] = set(problem.blocked)
    for placed in kept:
        busy.update((p, placed.slot) for p in requests[placed.request].participants)
        taken.add((placed.slot, placed.table))
    placed_ids = {placed.request for placed in kept}
    plan = Plan(placed=list(kept), unplaced=[], dropped_fixed=dropped)
    for request in sorted(problem.requests, key=lambda r: (-r.weight, r.id)):
        if request.id in placed_ids:
            continue
        people = request.participants
        spot = next(
            (
                (slot, table)
                for slot in problem.slots
                if all(slot in problem.availability[p] and (p, slot) not in busy for p in people)
                for table in problem.tables
                if (slot, table) not in taken
            ),
            None,
        )
        if spot is None:
            plan.unplaced.append(request.id)
            continue
        slot, table = spot
        plan.placed.append(Placed(request.id, slot, table))
        busy.update((p, slot) for p in people)
        taken.add(spot)
    plan.unplaced.sort()
    return plan
