"""Meeting plans for matchmaking events: pure Python, no Django (see docs/decisions.md)."""

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
