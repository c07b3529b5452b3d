"""Each indicator defined once: code, group, label, definition, source, unit, and the function
that computes it from the facts for a period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from .facts import Facts
from .periods import Period
from .results import Result

COUNT, SHARE, EURO, RATING = "count", "share", "euro", "rating"


@dataclass(frozen=True)
class Group:
    code: str
    label: Promise


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    label: Promise
    definition: Promise
    source: str
    compute: Callable[[Facts, Period], Result]
    unit: str = COUNT
    record_kind: str = "organisation"  # what its drill-down lists
    summable: bool = True  # whether a year's value is the sum of its months' values


INDICATORS: dict[str, Indicator] = {}
GROUPS: dict[str, Group] = {}


def group(code: str, label: Promise) -> None:
    GROUPS[code] = Group(code, label)


def indicator(code: str, group: str, label: Promise, definition: Promise, source: str, **options):
    """Register the decorated function as the indicator `code`."""

    def register(compute: Callable[[Facts, Period], Result]) -> Callable[[Facts, Period], Result]:
        if code in INDICATORS:
            raise ValueError(f"indicator {code} is defined twice")
        INDICATORS[code] = Indicator(code, group, label, definition, source, compute, **options)
        return compute

    return register


def in_group(code: str) -> list[Indicator]:
    return [indicator for indicator in INDICATORS.values() if indicator.group == code]
