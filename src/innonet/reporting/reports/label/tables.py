"""The building blocks of the frozen evidence: a figure (one indicator's result) and a table
(typed columns, plain rows), both plain JSON in the active language."""

from __future__ import annotations

from typing import Any

from ...indicators import INDICATORS, Period, Result
from ...indicators.facts import Facts
from ..labels import display

TEXT, COUNT, SHARE, EURO, DATE = "text", "count", "share", "euro", "date"
# The tables drawn as charts: (section, table, chart name, value column)
CHARTS = (
    ("members", "by_kind", "members_by_kind", 1),
    ("members", "by_size", "members_by_size", 1),
    ("services", "formats", "events_by_format", 2),
    ("cooperation", "stages", "projects_by_stage", 1),
)


class Figures:
    """Computes each indicator once per evidence and writes it as a figure row."""

    def __init__(self, facts: Facts, period: Period, step) -> None:
        self.facts, self.period, self.step = facts, period, step
        self.results: dict[str, Result] = {}

    def result(self, code: str) -> Result:
        if code not in self.results:
            self.results[code] = INDICATORS[code].compute(self.facts, self.period)
            self.step()
        return self.results[code]

    def rows(self, *codes: str) -> list[dict[str, Any]]:
        return [self.row(code) for code in codes if code in INDICATORS]

    def row(self, code: str) -> dict[str, Any]:
        indicator, result = INDICATORS[code], self.result(code)
        plain = result.as_json()
        return {
            "code": code,
            "label": str(indicator.label),
            "definition": str(indicator.definition),
            "unit": indicator.unit,
            "value": plain["value"],
            "numerator": plain["numerator"],
            "denominator": plain["denominator"],
            "display": display(result.value, indicator.unit),
            "parts": [{**p, "display": display(p["value"], "count")} for p in plain["parts"]],
        }


def table(
    key: str,
    title: str,
    columns: list[tuple[str, str]],
    rows: list[list[Any]],
    *,
    total: list[Any] | None = None,
    note: str = "",
) -> dict[str, Any]:
    """A table of the evidence: `columns` as (label, type), rows of plain values (dates as ISO
    text, money as decimal text)."""
    return {
        "key": key,
        "title": title,
        "note": note,
        "columns": [{"label": label, "type": kind} for label, kind in columns],
        "rows": rows,
        "total": total,
    }


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
