"""Computing indicators for a period, and over time."""

from collections.abc import Iterable

from .facts import Facts
from .periods import Period
from .registry import INDICATORS
from .results import Result


def compute(facts: Facts, period: Period, codes: Iterable[str] | None = None) -> dict[str, Result]:
    chosen = list(INDICATORS) if codes is None else list(codes)
    return {code: INDICATORS[code].compute(facts, period) for code in chosen}


def compute_series(facts: Facts, periods: list[Period], code: str) -> list[Result]:
    indicator = INDICATORS[code]
    return [indicator.compute(facts, period) for period in periods]
