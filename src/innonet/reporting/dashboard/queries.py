"""The dashboard's figures: every indicator for the period, the period before and the year's
target, and the charts over time, all computed from one load of the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from innonet.networks.models import Network
from innonet.reporting import charts
from innonet.reporting.caching import computation, figures
from innonet.reporting.indicators import GROUPS, INDICATORS, Indicator, Period, Result, compute
from innonet.reporting.indicators.facts import Facts, load_facts
from innonet.reporting.services import targets_for

from .formatting import chart_unit, format_change, format_value, target_in_unit


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    value: str
    previous: str
    change: str
    target: str
    distance: str
    reached: bool | None
    parts: list[tuple[str, str]]


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    rows: list[Row]


KEY_FIGURES = ("partners", "events", "participants", "RCO01", "projects_granted", "granted_volume")


def key_figures(today) -> dict:
    """This year's headline figures for the start pages of staff and board."""
    period = Period(today.replace(month=1, day=1), today.replace(month=12, day=31))
    kept = figures("key-figures", period.start.isoformat(), period.end.isoformat())
    return {"period": period, "figures": kept.value, "computed_at": kept.computed_at}


@computation("key-figures")
def _key_figures(start: str, end: str) -> list[tuple[str, str, str]]:
    period = Period(date.fromisoformat(start), date.fromisoformat(end))
    results = compute(load_facts(None), period, KEY_FIGURES)
    return [
        (code, str(INDICATORS[code].label), format_value(INDICATORS[code], results[code].value))
        for code in KEY_FIGURES
    ]


def target_year(period: Period) -> int | None:
    """Targets are yearly: they are compared when the period lies within one calendar year."""
    return period.start.year if period.start.year == period.end.year else None


def dashboard(period: Period, network: Network | None, *, fresh: bool = False) -> dict:
    """The dashboard's figures and charts, kept in the cache (reporting.caching)."""
    kept = figures(
        "dashboard", period.start.isoformat(), period.end.isoformat(),
        network.pk if network else 0, fresh=fresh,
    )  # fmt: skip
    return {**kept.value, "computed_at": kept.computed_at, "current": kept.current}


def indicator_result(
    code: str, period: Period, network: Network | None, *, fresh: bool = False
) -> dict:
    """One indicator's value, split and records, kept in the cache like the dashboard."""
    kept = figures(
        "indicator", code, period.start.isoformat(), period.end.isoformat(),
        network.pk if network else 0, fresh=fresh,
    )  # fmt: skip
    return {**kept.value, "computed_at": kept.computed_at, "current": kept.current}


def _scope(start: str, end: str, network: int) -> tuple[Period, Network | None]:
    period = Period(date.fromisoformat(start), date.fromisoformat(end))
    return period, Network.objects.filter(pk=network).first() if network else None


@computation("indicator")
def _indicator(code: str, start: str, end: str, network: int) -> dict:
    period, chosen = _scope(start, end, network)
    result = INDICATORS[code].compute(load_facts(chosen), period)
    return {
        "value": result.value,
        "parts": result.parts,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "records": list(result.records),
    }


def all_indicators(period: Period, network: Network | None) -> dict:
    """Every indicator's value and split as JSON-ready data (the REST API), kept in the cache."""
    kept = figures(
        "indicators", period.start.isoformat(), period.end.isoformat(),
        network.pk if network else 0,
    )  # fmt: skip
    return kept.value


@computation("indicators")
def _all_indicators(start: str, end: str, network: int) -> dict:
    period, chosen = _scope(start, end, network)
    return {code: result.as_json() for code, result in compute(load_facts(chosen), period).items()}


@computation("dashboard")
def _dashboard(start: str, end: str, network_pk: int) -> dict:
    period, network = _scope(start, end, network_pk)
    facts = load_facts(network)
    now = compute(facts, period)
    before = compute(facts, period.previous())
    year = target_year(period)
    targets = targets_for(year, network) if year else {}
    sections = [
        Section(code, str(group.label), [
            _row(INDICATORS[c], now[c], before[c], targets.get(c))
            for c, indicator in INDICATORS.items() if indicator.group == code
        ])
        for code, group in GROUPS.items()
    ]  # fmt: skip
    rows = {row.code: row for section in sections for row in section.rows}
    return {
        "headline": [rows[code] for code in KEY_FIGURES],
        "sections": sections,
        "charts": over_time(facts, period, targets),
        "target_year": year,
        "previous_period": period.previous(),
    }


def _row(indicator: Indicator, now: Result, before: Result, target: Decimal | None) -> Row:
    reached, target_text, distance = None, "", ""
    if target is not None:
        goal = target_in_unit(indicator, target)
        target_text = format_value(indicator, goal)
        if now.value is not None:
            gap = goal - Decimal(str(now.value))
            reached = gap <= 0
            distance = (
                _("reached") if reached
                else _("%(gap)s to go") % {"gap": format_value(indicator, gap)}
            )  # fmt: skip
    return Row(
        code=indicator.code,
        label=str(indicator.label),
        value=format_value(indicator, now.value),
        previous=format_value(indicator, before.value),
        change=format_change(indicator, now.value, before.value),
        target=target_text,
        distance=distance,
        reached=reached,
        parts=[(part.label, str(part.value)) for part in now.parts],
    )


def _values(facts: Facts, periods: list[Period], code: str) -> list:
    indicator = INDICATORS[code]
    return [indicator.compute(facts, period).value for period in periods]


def over_time(facts: Facts, period: Period, targets: dict[str, Decimal]) -> list[charts.Chart]:
    """The dashboard's charts: each bucket of the period beside the same bucket of the period
    before, so a year reads quarter against quarter."""
    buckets = period.buckets()
    previous = period.previous().buckets()[: len(buckets)]
    previous += [None] * (len(buckets) - len(previous))
    categories = [bucket.label for bucket in buckets]
    this_label = period.label
    before_label = _("previous period (%(period)s)") % {"period": period.previous().label}

    def pair(code: str) -> list[charts.Series]:
        return [
            charts.Series(this_label, _values(facts, buckets, code)),
            charts.Series(
                before_label,
                [INDICATORS[code].compute(facts, p).value if p else None for p in previous],
            ),
        ]

    partners = INDICATORS["partners"]
    made = [
        charts.line_chart(
            categories, pair("partners"),
            title=_("Partners at the end of each span"),
            description=_("Organisations with an active membership, this period against the "
                          "one before."),
            unit=chart_unit(partners), target=targets.get("partners"),
        ),
        charts.bar_chart(
            categories, pair("participants"),
            title=_("Participations in events"),
            description=_("People checked in at events, this period against the one before."),
            unit=charts.COUNT,
        ),
        charts.stacked_bar_chart(
            categories, _sizes(facts, buckets),
            title=_("RCO01 enterprises supported, by size"),
            description=_("Each enterprise counts once per span; the year's total is in the "
                          "table above."),
            unit=charts.COUNT,
        ),
        charts.bar_chart(
            categories,
            [charts.Series(str(INDICATORS[code].label), _values(facts, buckets, code))
             for code in ("projects_initiated", "projects_submitted", "projects_granted")],
            title=_("Projects initiated, submitted and granted"),
            unit=charts.COUNT,
        ),
    ]  # fmt: skip
    made.append(_by_kind(facts, period))
    return made


def _sizes(facts: Facts, buckets: list[Period]) -> list[charts.Series]:
    results = [INDICATORS["RCO01"].compute(facts, bucket) for bucket in buckets]
    sizes = [(part.key, part.label) for part in results[0].parts] if results else []
    return [
        charts.Series(label, [next(p.value for p in r.parts if p.key == key) for r in results])
        for key, label in sizes
    ]


def _by_kind(facts: Facts, period: Period) -> charts.Chart:
    now = INDICATORS["partners"].compute(facts, period)
    before = INDICATORS["partners"].compute(facts, period.previous())
    labels = [part.label for part in now.parts]
    labels += [part.label for part in before.parts if part.label not in labels]
    now_values = {part.label: part.value for part in now.parts}
    before_values = {part.label: part.value for part in before.parts}
    return charts.horizontal_bar_chart(
        labels,
        [
            charts.Series(period.label, [now_values.get(label, 0) for label in labels]),
            charts.Series(
                _("previous period (%(period)s)") % {"period": period.previous().label},
                [before_values.get(label, 0) for label in labels],
            ),
        ],
        title=_("Partners by kind"),
        unit=charts.COUNT,
    )
