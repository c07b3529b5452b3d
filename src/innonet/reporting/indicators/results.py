"""What an indicator returns: its value, the records behind it and, where it has one, its
split (by kind, district, size ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

Number = int | float | Decimal


class Evidence(NamedTuple):
    """One activity that made a record count: what it was and on which day. (Named tuples,
    not dataclasses: a report builds hundreds of thousands of them.)"""

    kind: str  # event, registration, interaction, introduction, project, profile, feedback
    pk: int
    day: date | None


class Record(NamedTuple):
    """A record an indicator counts; `evidence` lists why (for enterprises: the activities)."""

    kind: str  # organisation, event, registration, interaction, introduction, project, ...
    pk: int
    day: date | None = None
    evidence: tuple[Evidence, ...] = ()


class Part(NamedTuple):
    key: str
    label: str
    value: Number


@dataclass(frozen=True)
class Result:
    """`records_source` is the records or a function that makes them: most callers (charts,
    the dashboard's columns) need only the value, so the list is built when first read."""

    value: Number | None
    records_source: tuple[Record, ...] | Callable[[], tuple[Record, ...]] = ()
    parts: tuple[Part, ...] = ()
    numerator: Number | None = None  # for shares and rates: value = numerator / denominator
    denominator: Number | None = None

    @cached_property
    def records(self) -> tuple[Record, ...]:
        source = self.records_source
        return tuple(source()) if callable(source) else source

    def as_json(self) -> dict[str, Any]:
        return {
            "value": _plain(self.value),
            "numerator": _plain(self.numerator),
            "denominator": _plain(self.denominator),
            "parts": [
                {"key": part.key, "label": part.label, "value": _plain(part.value)}
                for part in self.parts
            ],
        }


@dataclass
class Tally:
    """Records collected under a key (an enterprise counts once however often it took part)."""

    records: dict[Any, list] = field(default_factory=dict)

    def add(self, key: Any, record_kind: str, pk: int, evidence: Evidence | None = None) -> None:
        entry = self.records.get(key)
        if entry is None:
            entry = self.records[key] = [record_kind, pk, []]
        elif pk < entry[1]:
            entry[1] = pk
        if evidence is not None:
            entry[2].append(evidence)

    def __len__(self) -> int:
        return len(self.records)

    def result(self, parts: tuple[Part, ...] = ()) -> Result:
        entries = list(self.records.values())

        def records() -> list[Record]:
            made = [
                Record(kind, pk, min((e.day for e in evidence if e.day), default=None),
                       tuple(sorted(set(evidence), key=_evidence_order)))
                for kind, pk, evidence in entries
            ]  # fmt: skip
            return sorted(made, key=lambda record: record.pk)

        return Result(len(entries), records, parts)


def _evidence_order(evidence: Evidence) -> tuple:
    return (evidence.day or date.min, evidence.kind, evidence.pk)


def _plain(value: Number | None) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value
