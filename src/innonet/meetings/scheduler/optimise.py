"""The scheduler: a fair greedy start, then local search with relocations and swaps.

Objective, compared lexicographically: first the total weight of placed requests (with unit
weights: the number of meetings), then fairness, the sum over participants of a concave score
of their meeting count, U(n) = g(0) + ... + g(n-1) with g(k) = 2^(S-k) for S slots. Each further
meeting of a participant is worth half the one before, so a participant's first meeting
outweighs anyone's later ones: moves raise the fewest meetings first (close to leximin).

Tables within a slot are interchangeable, so the search works on slots and capacities only;
tables are handed out at the end (fixed meetings keep theirs). Every move keeps the plan valid
and only strict improvements are taken, so the search ends; it starts from the better of the
greedy baseline and the fair greedy, so it never places less weight than the baseline.
"""

import heapq
import random
import time
from collections.abc import Iterable

from .greedy import schedule_greedy
from .problem import Placed, Plan, Problem, usable_fixed

EPSILON = 1e-9
FREE = -1


class _State:
    """Slot assignment of request indices with incremental weight and fairness totals."""

    def __init__(self, problem: Problem) -> None:
        self.slot_ids = list(problem.slots)
        slot_index = {slot: index for index, slot in enumerate(self.slot_ids)}
        self.n_slots = len(self.slot_ids)
        self.requests = list(problem.requests)
        people = sorted({p for request in self.requests for p in request.participants})
        person = {p: index for index, p in enumerate(people)}
        self.ends = [(person[r.requester], person[r.recipient]) for r in self.requests]
        self.weights = [float(r.weight) for r in self.requests]
        self.available = [
            {slot_index[s] for s in problem.availability[p] if s in slot_index} for p in people
        ]
        # Slots both ends attend, in time order.
        self.options = [sorted(self.available[a] & self.available[b]) for a, b in self.ends]
        blocked = problem.blocked
        self.capacity = [
            sum(1 for table in problem.tables if (slot, table) not in blocked)
            for slot in self.slot_ids
        ]
        self.load = [0] * self.n_slots
        self.spare = sum(self.capacity)  # free (slot, table) places over all slots
        self.members: list[set[int]] = [set() for _ in range(self.n_slots)]
        self.occupied = [[FREE] * self.n_slots for _ in people]
        self.count = [0] * len(people)
        self.where = [FREE] * len(self.requests)
        self.fixed = [False] * len(self.requests)
        self.gain = [1 << (self.n_slots - k) for k in range(self.n_slots)] + [0]
        self.utility = [0]
        for k in range(self.n_slots + 1):
            self.utility.append(self.utility[-1] + self.gain[k])
        self.weight = 0.0
        self.fairness = 0
        # While searching: what was placed (1) or removed (0), to undo a tried move.
        self.recording = False
        self.log: list[tuple[int, int, int]] = []

    def fits(self, r: int, s: int) -> bool:
        a, b = self.ends[r]
        return (
            self.load[s] < self.capacity[s]
            and self.occupied[a][s] == FREE
            and self.occupied[b][s] == FREE
            and s in self.available[a]
            and s in self.available[b]
        )

    def place(self, r: int, s: int) -> None:
        a, b = self.ends[r]
        self.where[r] = s
        self.load[s] += 1
        self.spare -= 1
        self.members[s].add(r)
        for p in (a, b):
            self.occupied[p][s] = r
            self.fairness += self.gain[self.count[p]]
            self.count[p] += 1
        self.weight += self.weights[r]
        if self.recording:
            self.log.append((1, r, s))

    def remove(self, r: int) -> None:
        s = self.where[r]
        a, b = self.ends[r]
        self.where[r] = FREE
        self.load[s] -= 1
        self.spare += 1
        self.members[s].discard(r)
        for p in (a, b):
            self.occupied[p][s] = FREE
            self.count[p] -= 1
            self.fairness -= self.gain[self.count[p]]
        self.weight -= self.weights[r]
        if self.recording:
            self.log.append((0, r, s))

    def score(self) -> tuple[float, int]:
        return (self.weight, self.fairness)

    def undo(self, mark: int) -> None:
        self.recording = False
        while len(self.log) > mark:
            kind, r, s = self.log.pop()
            if kind == 1:
                self.remove(r)
            else:
                self.place(r, s)
        self.recording = True

    def relocate(self, r: int, avoid: int) -> bool:
        """Move placed request r to another slot where it fits (not `avoid`)."""
        here = self.where[r]
        elsewhere = self.spare - (self.capacity[here] - self.load[here])
        if avoid != here:
            elsewhere -= self.capacity[avoid] - self.load[avoid]
        if elsewhere <= 0:  # every other slot is full
            return False
        for s in self.options[r]:
            if s != here and s != avoid and self.fits(r, s):
                self.remove(r)
                self.place(r, s)
                return True
        return False


def _better(new: tuple[float, int], old: tuple[float, int]) -> bool:
    if new[0] > old[0] + EPSILON:
        return True
    return abs(new[0] - old[0]) <= EPSILON and new[1] > old[1]


def _start_fixed(state: _State, problem: Problem, kept: Iterable[Placed]) -> dict[int, int]:
    index = {request.id: i for i, request in enumerate(state.requests)}
    slot_index = {slot: i for i, slot in enumerate(state.slot_ids)}
    tables: dict[int, int] = {}
    for placed in kept:
        r = index[placed.request]
        state.place(r, slot_index[placed.slot])
        state.fixed[r] = True
        tables[r] = placed.table
    return tables


def _fair_greedy(state: _State) -> None:
    """Place requests by weight, then by how much they raise fairness (participants with fewer
    meetings first), then scarcity (fewest common slots); each into the emptiest slot it fits."""

    def key(r: int) -> tuple[float, int, int, int]:
        a, b = state.ends[r]
        return (
            -state.weights[r],
            -(state.gain[state.count[a]] + state.gain[state.count[b]]),
            len(state.options[r]),
            r,
        )

    heap = [key(r) for r in range(len(state.requests)) if state.where[r] == FREE]
    heapq.heapify(heap)
    while heap:
        entry = heapq.heappop(heap)
        r = entry[3]
        current = key(r)
        if current != entry:  # a participant got a meeting since: the request lost priority
            heapq.heappush(heap, current)
            continue
        fitting = [s for s in state.options[r] if state.fits(r, s)]
        if fitting:
            best = min(fitting, key=lambda s: (state.load[s] - state.capacity[s], s))
            state.place(r, best)


def _load_plan(state: _State, plan: Plan) -> None:
    index = {request.id: i for i, request in enumerate(state.requests)}
    slot_index = {slot: i for i, slot in enumerate(state.slot_ids)}
    for placed in plan.placed:
        r = index[placed.request]
        if state.where[r] == FREE:
            state.place(r, slot_index[placed.slot])


def _try_insert(state: _State, r: int) -> bool:
    """Place unplaced request r if that improves the score.

    Moves that only shift other meetings between slots leave everyone's meeting count as it is,
    so the first one found is as good as any: a free place, moving the meetings in the way to
    other slots, or swapping a chain of meetings between two slots (Kempe chain). Otherwise r
    may take the place of cheaper meetings (which go back to the unplaced): the best slot for
    that is applied if it raises the score."""
    for s in state.options[r]:
        if state.fits(r, s):
            state.place(r, s)
            return True
    for s in state.options[r]:
        mark = len(state.log)
        if _clear_way(state, r, s, eject=False):
            return True
        state.undo(mark)
    if _kempe_insert(state, r):
        return True
    before = state.score()
    best: tuple[tuple[float, int], int] | None = None
    for s in state.options[r]:
        mark = len(state.log)
        if _clear_way(state, r, s, eject=True):
            after = state.score()
            if best is None or _better(after, best[0]):
                best = (after, s)
        state.undo(mark)
    if best is None or not _better(best[0], before):
        return False
    return _clear_way(state, r, best[1], eject=True)  # the same moves: the state was restored


def _kempe_insert(state: _State, r: int) -> bool:
    """Place r in slot s1 where one end is busy, by swapping the chain of meetings that starts
    there between s1 and a slot s2 where that end is free: along the chain each participant's
    meeting in s1 moves to s2 and the one in s2 to s1, so nobody is double-booked."""
    a, b = state.ends[r]
    options = state.options[r]
    for x, y in ((a, b), (b, a)):
        for s1 in options:
            # y must be free in s1, x busy there with a meeting that is not fixed.
            if state.occupied[y][s1] != FREE or state.occupied[x][s1] == FREE:
                continue
            for s2 in options:
                if s2 == s1 or state.occupied[x][s2] != FREE:
                    continue
                chain = _chain(state, x, s1, s2)
                if chain is not None and y not in chain[1] and _swap(state, chain[0], s1, s2, r):
                    return True
    return False


def _chain(state: _State, start: int, s1: int, s2: int) -> tuple[list[int], set[int]] | None:
    """The meetings alternating between s1 and s2 from `start`'s meeting in s1, and the
    participants they join; None if one is fixed or cannot attend the other slot."""
    meetings: list[int] = []
    people = {start}
    person, slot, other = start, s1, s2
    while True:
        m = state.occupied[person][slot]
        if m == FREE:
            return meetings, people
        if state.fixed[m]:
            return None
        a, b = state.ends[m]
        person = b if a == person else a
        if other not in state.available[a] or other not in state.available[b]:
            return None
        meetings.append(m)
        people.add(person)
        slot, other = other, slot


def _swap(state: _State, chain: list[int], s1: int, s2: int, r: int) -> bool:
    """Swap the chain's meetings between s1 and s2 and place r in s1, if capacity allows."""
    to_s2 = sum(1 for m in chain if state.where[m] == s1)
    to_s1 = len(chain) - to_s2
    if state.load[s1] - to_s2 + to_s1 + 1 > state.capacity[s1]:
        return False
    if state.load[s2] - to_s1 + to_s2 > state.capacity[s2]:
        return False
    for m in chain:
        state.remove(m)
    for index, m in enumerate(chain):
        state.place(m, s2 if index % 2 == 0 else s1)
    state.place(r, s1)
    return True


def _clear_way(state: _State, r: int, s: int, *, eject: bool) -> bool:
    """Make room for r in slot s, relocating the meetings in the way (or, with `eject`,
    removing those that cannot move, and the cheapest meeting if the slot is full); then
    place r there."""
    a, b = state.ends[r]
    for p in (a, b):
        other = state.occupied[p][s]
        if other == FREE:
            continue
        if state.fixed[other]:
            return False
        if not state.relocate(other, avoid=s):
            if not eject:
                return False
            state.remove(other)
    if state.load[s] >= state.capacity[s]:
        # s is full, so `spare` counts the free places in the other slots.
        if not eject and state.spare == 0:
            return False
        movable = [m for m in sorted(state.members[s]) if not state.fixed[m]]
        if not movable:
            return False
        if state.spare == 0 or not any(state.relocate(m, avoid=s) for m in movable):
            if not eject:
                return False
            state.remove(min(movable, key=lambda m: _loss(state, m)))
    state.place(r, s)
    return True


def _loss(state: _State, m: int) -> tuple[float, int, int]:
    """What removing meeting m costs (weight, then fairness); the cheapest is ejected."""
    a, b = state.ends[m]
    return (
        state.weights[m],
        state.gain[state.count[a] - 1] + state.gain[state.count[b] - 1],
        m,
    )


def _search(state: _State, rng: random.Random, deadline: float) -> None:
    state.recording = True
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        waiting = [r for r in range(len(state.requests)) if state.where[r] == FREE]
        rng.shuffle(waiting)
        for r in waiting:
            if time.monotonic() >= deadline:
                break
            if state.where[r] != FREE:
                continue
            if _try_insert(state, r):
                improved = True
            state.log.clear()
    state.recording = False


def _to_plan(
    state: _State, problem: Problem, fixed_tables: dict[int, int], dropped: list[int]
) -> Plan:
    placed: list[Placed] = []
    for s, slot in enumerate(state.slot_ids):
        used = {fixed_tables[r] for r in state.members[s] if state.fixed[r]}
        free = (
            table
            for table in problem.tables
            if table not in used and (slot, table) not in problem.blocked
        )
        for r in sorted(state.members[s], key=lambda r: state.requests[r].id):
            table = fixed_tables[r] if state.fixed[r] else next(free)
            placed.append(Placed(state.requests[r].id, slot, table))
    unplaced = sorted(
        state.requests[r].id for r in range(len(state.requests)) if state.where[r] == FREE
    )
    return Plan(placed=placed, unplaced=unplaced, dropped_fixed=dropped)


def schedule(problem: Problem, *, time_limit: float = 8.0, seed: int = 0) -> Plan:
    """The meeting plan: fixed meetings kept, the rest placed for the most weight, then the
    fairest spread. Deterministic for a seed as long as the search ends within `time_limit`
    seconds (it stops there with the best plan so far)."""
    deadline = time.monotonic() + time_limit
    kept, dropped = usable_fixed(problem)

    fair = _State(problem)
    fixed_tables = _start_fixed(fair, problem, kept)
    _fair_greedy(fair)

    baseline = _State(problem)
    _start_fixed(baseline, problem, kept)
    _load_plan(baseline, schedule_greedy(problem))

    state = fair if not _better(baseline.score(), fair.score()) else baseline
    _search(state, random.Random(seed), deadline)  # noqa: S311 - search order
    return _to_plan(state, problem, fixed_tables, dropped)
