"""The indicator engine: every figure the network reports, defined once (registry), computed
from facts loaded once per report (facts), for any period and network."""

from . import (  # noqa: F401 - the modules register their indicators
    activity,
    erdf,
    international,
    meetings,
    network,
    newsletter,
)
from .compute import compute, compute_series
from .periods import Period, period_from_query
from .registry import GROUPS, INDICATORS, Indicator, in_group
from .results import Record, Result

__all__ = [
    "GROUPS",
    "INDICATORS",
    "Indicator",
    "Period",
    "Record",
    "Result",
    "compute",
    "compute_series",
    "in_group",
    "period_from_query",
]
