"""Structured signals as numpy arrays over document slots, so a query scores every document at
once instead of looping in Python: kinds, places, dates, track record, competences, RIS3."""

from collections.abc import Iterable
from datetime import date

import numpy as np

from .types import Document, Query, Weights

_UNKNOWN_DAY = -1


class Codes:
    """Interns strings as small integers (0 means empty/unknown)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {"": 0}

    def code(self, value: str) -> int:
        return self.ids.setdefault(value or "", len(self.ids))

    def codes(self, values: Iterable[str]) -> np.ndarray:
        return np.array([self.ids[v] for v in values if v in self.ids], dtype=np.int32)


class SlotTable:
    """Per-slot attributes (parallel to the posting store's slots) and inverted set lists."""

    COLUMNS = ("kind", "org_kind", "region", "country", "day", "activity", "owner")

    def __init__(self) -> None:
        self.codes = Codes()
        self.columns = {name: np.zeros(0, dtype=np.int64) for name in self.COLUMNS}
        self.competences: dict[str, list[tuple[int, float]]] = {}
        self.ris3: dict[str, list[tuple[int, float]]] = {}

    def put(self, slot: int, document: Document) -> None:
        size = len(self.columns["kind"])
        if slot >= size:
            grow = max(1024, size)
            for name, column in self.columns.items():
                self.columns[name] = np.concatenate([column, np.zeros(grow, dtype=np.int64)])
        day = document.updated_at.toordinal() if document.updated_at else _UNKNOWN_DAY
        values = (self.codes.code(document.kind), self.codes.code(document.org_kind),
                  self.codes.code(document.region), self.codes.code(document.country),
                  day, max(0, int(document.activity)), self.codes.code(document.owner))  # fmt: skip
        for name, value in zip(self.COLUMNS, values, strict=True):
            self.columns[name][slot] = value
        levels = document.competence_levels
        for value in document.competences:
            level = max(float(levels.get(value, 1.0)), 0.0)
            self.competences.setdefault(value, []).append((slot, level))
        for value in document.ris3:
            self.ris3.setdefault(value, []).append((slot, 1.0))

    def renumber(self, mapping: np.ndarray) -> None:
        """Apply a compaction's old -> new slot map."""
        keep = np.flatnonzero(mapping >= 0)
        for name, column in self.columns.items():
            self.columns[name] = column[keep].copy()
        for table in (self.competences, self.ris3):
            for key, slots in list(table.items()):
                moved = [(int(mapping[s]), level) for s, level in slots
                         if s < len(mapping) and mapping[s] >= 0]  # fmt: skip
                if moved:
                    table[key] = moved
                else:
                    del table[key]

    @staticmethod
    def overlap(table: dict[str, list[tuple[int, float]]], wanted: frozenset[str], size: int,
                alive: np.ndarray) -> np.ndarray:  # fmt: skip
        """Share of the wanted values each slot has (0..1); a graded value counts by
        log(1 + level) relative to the highest level any document has for it."""
        counts = np.zeros(size, dtype=np.float32)
        if not wanted:
            return counts
        for value in wanted:
            entries = table.get(value)
            if not entries:
                continue
            slots = np.fromiter((e[0] for e in entries), dtype=np.int64, count=len(entries))
            levels = np.log1p(np.fromiter((e[1] for e in entries), np.float32, len(entries)))
            top = float(levels.max())
            if top > 0:
                np.add.at(counts, slots, levels / top)
        return np.minimum(counts * alive[:size] / len(wanted), 1.0)

    def structured(self, query: Query, weights: Weights, size: int, alive: np.ndarray,
                   ) -> dict[str, np.ndarray]:  # fmt: skip
        """Signals in 0..1 for every slot, keyed by their name in `Weights`."""
        cols = {name: column[:size] for name, column in self.columns.items()}
        signals = {
            "competences": self.overlap(self.competences, query.competences, size, alive),
            "ris3": self.overlap(self.ris3, query.ris3, size, alive),
        }
        wanted = self.codes.codes(query.partner_kinds)
        signals["kind"] = np.isin(cols["org_kind"], wanted[wanted > 0]).astype(np.float32)
        place = np.zeros(size, dtype=np.float32)
        if query.country and query.country in self.codes.ids:
            place[cols["country"] == self.codes.ids[query.country]] = 0.5
        if query.region and query.region in self.codes.ids:
            place[cols["region"] == self.codes.ids[query.region]] = 1.0
        signals["region"] = place
        signals["freshness"] = self._freshness(cols["day"], query.today, weights)
        activity = np.log1p(cols["activity"].astype(np.float32))
        top = float(activity.max()) if size else 0.0
        signals["activity"] = activity / top if top > 0 else activity
        return signals

    @staticmethod
    def _freshness(days: np.ndarray, today: date | None, weights: Weights) -> np.ndarray:
        known = days != _UNKNOWN_DAY
        if not known.any():
            return np.zeros(len(days), dtype=np.float32)
        reference = today.toordinal() if today else int(days[known].max())
        age = np.clip(reference - days, 0, None).astype(np.float32)
        decay = np.exp(-np.log(2) * age / max(weights.freshness_half_life_days, 1.0))
        return np.where(known, decay, 0.0).astype(np.float32)

    def kind_filter(self, kinds: frozenset[str], size: int) -> np.ndarray | None:
        """Mask of slots whose document kind is wanted, or None for no filter."""
        if not kinds:
            return None
        wanted = self.codes.codes(kinds)
        return np.isin(self.columns["kind"][:size], wanted)
