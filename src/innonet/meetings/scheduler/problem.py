"""The scheduling problem and its plan: plain data, checked on the way in.

Slots and tables are ids chosen by the caller (the meetings app's rows); every table can be used
in every slot except the blocked (slot, table) pairs. A request is placed when it gets one slot
both its participants are present in and one free table of that slot.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    """An accepted meeting request; weight above 1 means more wanted (both sides asked, say)."""

    id: int
    requester: int
    recipient: int
    weight: float = 1.0

    @property
    def participants(self) -> tuple[int, int]:
        return (self.requester, self.recipient)


@dataclass(frozen=True)
class Placed:
    """A meeting in the plan: the request, its slot and its table (or online room)."""

    request: int
    slot: int
    table: int


@dataclass(frozen=True)
class Problem:
    slots: Sequence[int]
    tables: Sequence[int]
    availability: Mapping[int, frozenset[int]]
    requests: Sequence[Request]
    fixed: Sequence[Placed] = ()
    blocked: frozenset[tuple[int, int]] = frozenset()

    def __post_init__(self) -> None:
        validate(self)

    def request_by_id(self) -> dict[int, Request]:
        return {request.id: request for request in self.requests}


@dataclass
class Plan:
    placed: list[Placed]
    unplaced: list[int]
    # Fixed meetings that could no longer stand (a participant gone from that slot, the table
    # blocked or taken twice); their requests are in `unplaced` unless placed anew.
    dropped_fixed: list[int] = field(default_factory=list)

    def meetings_of(self, participant: int, problem: Problem) -> list[Placed]:
        """The participant's meetings in time order."""
        requests = problem.request_by_id()
        order = {slot: index for index, slot in enumerate(problem.slots)}
        mine = [
            placed for placed in self.placed if participant in requests[placed.request].participants
        ]
        return sorted(mine, key=lambda placed: (order[placed.slot], placed.request))

    def weight(self, problem: Problem) -> float:
        requests = problem.request_by_id()
        return math.fsum(requests[placed.request].weight for placed in self.placed)

    def stats(self, problem: Problem) -> "PlanStats":
        return plan_stats(problem, self)


@dataclass(frozen=True)
class PlanStats:
    requests: int
    placed: int
    placed_share: float  # placed / requests (1.0 when there are none)
    weighted_share: float  # placed weight / requested weight
    participants: int  # participants with at least one request
    min_meetings: int  # fewest meetings of a participant with requests
    median_meetings: float
    max_meetings: int
    without_meeting: int  # participants with requests but no meeting


def plan_stats(problem: Problem, plan: Plan) -> PlanStats:
    requests = problem.request_by_id()
    counts = {p: 0 for request in problem.requests for p in request.participants}
    for placed in plan.placed:
        for participant in requests[placed.request].participants:
            counts[participant] += 1
    values = sorted(counts.values())
    total_weight = math.fsum(request.weight for request in problem.requests)
    middle = len(values) // 2
    if not values:
        median = 0.0
    elif len(values) % 2:
        median = float(values[middle])
    else:
        median = (values[middle - 1] + values[middle]) / 2
    return PlanStats(
        requests=len(problem.requests),
        placed=len(plan.placed),
        placed_share=len(plan.placed) / len(problem.requests) if problem.requests else 1.0,
        weighted_share=plan.weight(problem) / total_weight if total_weight else 1.0,
        participants=len(values),
        min_meetings=values[0] if values else 0,
        median_meetings=median,
        max_meetings=values[-1] if values else 0,
        without_meeting=sum(1 for value in values if value == 0),
    )


def _duplicates(values: Sequence[int]) -> list[int]:
    seen: set[int] = set()
    repeated: set[int] = set()
    for value in values:
        (repeated if value in seen else seen).add(value)
    return sorted(repeated)


def validate(problem: Problem) -> None:
    """Raise ValueError naming the first inconsistency of the input."""
    for name, values in (
        ("slot", problem.slots),
        ("table", problem.tables),
        ("request", [request.id for request in problem.requests]),
        ("fixed request", [placed.request for placed in problem.fixed]),
    ):
        if duplicated := _duplicates(list(values)):
            raise ValueError(f"Duplicate {name} ids: {duplicated[:10]}")
    slots, tables = set(problem.slots), set(problem.tables)
    for participant, present in problem.availability.items():
        if unknown := set(present) - slots:
            raise ValueError(
                f"Participant {participant} is available in unknown slots {sorted(unknown)[:10]}"
            )
    for slot, table in problem.blocked:
        if slot not in slots or table not in tables:
            raise ValueError(f"Blocked pair ({slot}, {table}) names an unknown slot or table")
    for request in problem.requests:
        if request.requester == request.recipient:
            raise ValueError(f"Request {request.id}: requester and recipient are the same")
        for participant in request.participants:
            if participant not in problem.availability:
                raise ValueError(f"Request {request.id}: unknown participant {participant}")
        weight = request.weight
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise ValueError(f"Request {request.id}: weight must be a number")
        if not math.isfinite(weight) or weight <= 0:
            raise ValueError(f"Request {request.id}: weight must be a positive finite number")
    ids = {request.id for request in problem.requests}
    for placed in problem.fixed:
        if placed.request not in ids:
            raise ValueError(f"Fixed meeting names unknown request {placed.request}")


def usable_fixed(problem: Problem) -> tuple[list[Placed], list[int]]:
    """The fixed meetings that still stand, in the given order, and the requests of the rest.

    A fixed meeting falls when its slot or table is gone or blocked, a participant is no longer
    present in that slot, or an earlier fixed meeting already holds a participant or the table.
    """
    requests = problem.request_by_id()
    slots, tables = set(problem.slots), set(problem.tables)
    busy: set[tuple[int, int]] = set()  # (participant, slot)
    taken: set[tuple[int, int]] = set()  # (slot, table)
    kept: list[Placed] = []
    dropped: list[int] = []
    for placed in problem.fixed:
        pair = (placed.slot, placed.table)
        people = requests[placed.request].participants
        if (
            placed.slot not in slots
            or placed.table not in tables
            or pair in problem.blocked
            or pair in taken
            or any(placed.slot not in problem.availability[p] for p in people)
            or any((p, placed.slot) in busy for p in people)
        ):
            dropped.append(placed.request)
            continue
        kept.append(placed)
        taken.add(pair)
        busy.update((p, placed.slot) for p in people)
    return kept, dropped


def violations(problem: Problem, plan: Plan) -> list[str]:
    """Every hard rule the plan breaks, in words; empty for a valid plan."""
    found: list[str] = []
    by_id = problem.request_by_id()
    slots, tables = set(problem.slots), set(problem.tables)
    placed_ids = [placed.request for placed in plan.placed]
    if duplicated := _duplicates(placed_ids):
        found.append(f"requests placed more than once: {duplicated}")
    if duplicated := _duplicates(plan.unplaced):
        found.append(f"requests listed unplaced more than once: {duplicated}")
    if both := sorted(set(placed_ids) & set(plan.unplaced)):
        found.append(f"requests both placed and unplaced: {both}")
    if missing := sorted(set(by_id) - set(placed_ids) - set(plan.unplaced)):
        found.append(f"requests neither placed nor unplaced: {missing}")
    if unknown := sorted((set(placed_ids) | set(plan.unplaced)) - set(by_id)):
        found.append(f"unknown requests in the plan: {unknown}")
    busy: dict[tuple[int, int], int] = {}
    taken: dict[tuple[int, int], int] = {}
    for placed in plan.placed:
        request = by_id.get(placed.request)
        if request is None:
            continue
        pair = (placed.slot, placed.table)
        if placed.slot not in slots or placed.table not in tables:
            found.append(f"request {placed.request} in unknown slot or table {pair}")
        if pair in problem.blocked:
            found.append(f"request {placed.request} at blocked slot and table {pair}")
        if pair in taken:
            found.append(f"requests {taken[pair]} and {placed.request} share table {pair}")
        taken[pair] = placed.request
        for participant in request.participants:
            if placed.slot not in problem.availability[participant]:
                found.append(
                    f"request {placed.request}: participant {participant} is not present "
                    f"in slot {placed.slot}"
                )
            key = (participant, placed.slot)
            if key in busy:
                found.append(
                    f"participant {participant} has requests {busy[key]} and "
                    f"{placed.request} in slot {placed.slot}"
                )
            busy[key] = placed.request
    kept, _ = usable_fixed(problem)
    in_plan = set(plan.placed)
    for placed in kept:
        if placed not in in_plan:
            found.append(f"fixed meeting {placed} was not kept")
    return found
