"""Each indicator defined once: code, group, label, definition, source, unit, and the function
that computes it from the facts for a period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

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
# The groups in the order pages and reports show them.
GROUPS: dict[str, Group] = {
    code: Group(code, label)
    for code, label in (
        ("network", gettext_lazy("Network")),
        ("activity", gettext_lazy("Activity")),
        ("international", gettext_lazy("International")),
        ("erdf_2021", gettext_lazy("ERDF 2021-2027")),
        ("erdf_2014", gettext_lazy("ERDF 2014-2020")),
    )
}


def indicator(code: str, group: str, label: Promise, definition: Promise, source: str, **options):
    """Register the decorated function as the indicator `code`."""

    def register(compute: Callable[[Facts, Period], Result]) -> Callable[[Facts, Period], Result]:
        if group not in GROUPS:
            raise ValueError(f"indicator {code} names an unknown group {group}")
        if code in INDICATORS:
            raise ValueError(f"indicator {code} is defined twice")
        INDICATORS[code] = Indicator(code, group, label, definition, source, compute, **options)
        return compute

    return register


def in_group(code: str) -> list[Indicator]:
    return [indicator for indicator in INDICATORS.values() if indicator.group == code]
