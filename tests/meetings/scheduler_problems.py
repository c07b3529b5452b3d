"""Small scheduling problems for the scheduler tests, written out or drawn by hypothesis."""

from hypothesis import strategies as st

from innonet.meetings.scheduler import Placed, Problem, Request


def problem(slots, tables, availability, pairs, **extra) -> Problem:
    """Requests numbered from 1 in the order of `pairs` ((requester, recipient[, weight]))."""
    requests = [Request(i, *pair) for i, pair in enumerate(pairs, start=1)]
    return Problem(
        slots=slots,
        tables=tables,
        availability={p: frozenset(s) for p, s in availability.items()},
        requests=requests,
        **extra,
    )


@st.composite
def problems(draw) -> Problem:
    slots = list(range(10, 10 + draw(st.integers(1, 5))))
    tables = list(range(100, 100 + draw(st.integers(1, 3))))
    people = list(range(1, draw(st.integers(2, 8)) + 1))
    availability = {
        p: frozenset(draw(st.lists(st.sampled_from(slots), unique=True))) for p in people
    }
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(people),
                st.sampled_from(people),
                st.sampled_from([1.0, 1.0, 1.5, 2.0]),
            ).filter(lambda t: t[0] != t[1]),
            max_size=20,
        )
    )
    requests = [Request(i, a, b, w) for i, (a, b, w) in enumerate(pairs, start=1)]
    blocked = frozenset(
        draw(st.lists(st.tuples(st.sampled_from(slots), st.sampled_from(tables)), max_size=3))
    )
    fixed = []
    if requests:
        chosen = draw(st.lists(st.sampled_from(requests), unique=True, max_size=4))
        fixed = [
            Placed(r.id, draw(st.sampled_from(slots)), draw(st.sampled_from(tables)))
            for r in chosen
        ]
    return Problem(slots, tables, availability, requests, fixed=fixed, blocked=blocked)
