"""Meeting plans for matchmaking events: pure Python, no Django (see docs/decisions.md,
"Meeting plans").

    problem = Problem(
        slots=[1, 2, 3],                      # slot ids in time order, breaks left out
        tables=[10, 11],                      # tables or online rooms, usable in every slot
        availability={7: frozenset({1, 2, 3}), 8: frozenset({2, 3})},
        requests=[Request(id=5, requester=7, recipient=8)],
        fixed=[],                             # meetings to keep when planning again
        blocked=frozenset({(1, 11)}),         # (slot, table) pairs not to use
    )
    plan = schedule(problem)                  # ValueError for inconsistent input
    plan.placed                               # [Placed(request=5, slot=2, table=10)]
    violations(problem, plan)                 # [] : the hard rules hold
"""

from .greedy import schedule_greedy
from .optimise import schedule
from .problem import Placed, Plan, PlanStats, Problem, Request, plan_stats, usable_fixed, violations

__all__ = [
    "Placed",
    "Plan",
    "PlanStats",
    "Problem",
    "Request",
    "plan_stats",
    "schedule",
    "schedule_greedy",
    "usable_fixed",
    "violations",
]
