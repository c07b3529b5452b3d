"""A sparse BM25 store that can be added to and removed from without a rebuild.

Postings live in a term-major CSR matrix (term -> document slots, term frequencies) built by
`compact()`, plus a small dictionary of postings for documents added since. Removing marks the
slot dead; document frequencies are counted over live postings at query time, so statistics
stay right without bookkeeping. `compact()` folds the additions in and drops dead slots.
"""

from collections.abc import Mapping

import numpy as np
from scipy import sparse

K1 = 1.2
B = 0.75


class PostingStore:
    """Term postings with field masks, for BM25 scoring over document slots."""

    def __init__(self) -> None:
        self.terms: dict[str, int] = {}
        self.fields: dict[str, int] = {}
        self.base = sparse.csr_matrix((0, 0), dtype=np.float32)
        self.base_masks = np.zeros(0, dtype=np.uint16)
        self.base_impact = np.zeros(0, dtype=np.float32)  # BM25 tf part, fixed at compact()
        self.dead = 0
        self.delta: dict[int, dict[int, tuple[float, int]]] = {}
        self.lengths = np.zeros(0, dtype=np.float32)
        self.alive = np.zeros(0, dtype=bool)
        self.size = 0  # slots in use (alive or dead)
        self.delta_docs = 0
        self.bulk: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []

    # -- writing -------------------------------------------------------------------------
    def add(self, tf: Mapping[str, float], fields: Mapping[str, set[str]], bulk: bool = False,
            ) -> int:  # fmt: skip
        """Store one analysed document in a new slot and return the slot. With `bulk` the
        postings wait in compact arrays (a full build) and are searchable after `compact()`."""
        slot = self._new_slot()
        ids, counts, masks = [], [], []
        for term, count in tf.items():
            ids.append(self.terms.setdefault(term, len(self.terms)))
            counts.append(float(count))
            mask = 0
            for name in fields.get(term, ()):
                mask |= 1 << self._field_bit(name)
            masks.append(mask)
        if bulk:
            self.bulk.append(
                (
                    slot,
                    np.array(ids, dtype=np.int64),
                    np.array(counts, dtype=np.float32),
                    np.array(masks, dtype=np.uint16),
                )
            )
        else:
            for term_id, count, mask in zip(ids, counts, masks, strict=True):
                self.delta.setdefault(term_id, {})[slot] = (count, mask)
        self.lengths[slot] = float(sum(tf.values()))
        self.alive[slot] = True
        self.delta_docs += 1
        return slot

    def remove(self, slot: int) -> None:
        if self.alive[slot]:
            self.alive[slot] = False
            self.dead += 1

    def _field_bit(self, name: str) -> int:
        if name not in self.fields:
            self.fields[name] = min(len(self.fields), 15)  # more than 16 fields share a bit
        return self.fields[name]

    def _new_slot(self) -> int:
        if self.size == len(self.lengths):
            grow = max(1024, self.size)
            self.lengths = np.concatenate([self.lengths, np.zeros(grow, dtype=np.float32)])
            self.alive = np.concatenate([self.alive, np.zeros(grow, dtype=bool)])
        self.size += 1
        return self.size - 1

    def compact(self) -> np.ndarray:
        """Merge additions into the matrix and drop dead slots; returns old -> new slot map
        (-1 for dropped slots) so the caller can renumber its own tables."""
        rows, cols, data, masks = self._base_coo()
        extra = [(t, s, v[0], v[1]) for t, post in self.delta.items() for s, v in post.items()]
        if extra:
            t, s, v, m = (np.array(x) for x in zip(*extra, strict=True))
            rows, cols = np.concatenate([rows, t]), np.concatenate([cols, s])
            data, masks = np.concatenate([data, v]), np.concatenate([masks, m])
        if self.bulk:
            rows = np.concatenate([rows, *(b[1] for b in self.bulk)])
            cols = np.concatenate([cols, *(np.full(len(b[1]), b[0]) for b in self.bulk)])
            data = np.concatenate([data, *(b[2] for b in self.bulk)])
            masks = np.concatenate([masks, *(b[3] for b in self.bulk)])
            self.bulk = []
        mapping = np.full(self.size, -1, dtype=np.int64)
        keep = np.flatnonzero(self.alive[: self.size])
        mapping[keep] = np.arange(len(keep))
        live = mapping[cols.astype(np.int64)] >= 0
        rows, cols = rows[live], mapping[cols[live].astype(np.int64)]
        order = np.lexsort((cols, rows))
        shape = (len(self.terms), len(keep))
        self.base = sparse.csr_matrix(
            (data[live][order].astype(np.float32), (rows[order], cols[order])), shape=shape
        )
        self.base.sort_indices()
        self.base_masks = masks[live][order].astype(np.uint16)
        self.lengths = self.lengths[keep].copy()
        self.alive = np.ones(len(keep), dtype=bool)
        self.size, self.dead = len(keep), 0
        self.delta, self.delta_docs = {}, 0
        self.base_impact = self._impact(self.base.data, self.lengths[self.base.indices])
        return mapping

    def _impact(self, tf: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The tf part of BM25. Precomputed for the matrix with the average length at
        compaction time; the average drifts little between compactions."""
        norm = K1 * (1 - B + B * lengths / max(self.average_length(), 1e-9))
        return (tf * (K1 + 1) / (tf + norm)).astype(np.float32)

    def _base_coo(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        base = self.base
        rows = np.repeat(np.arange(base.shape[0]), np.diff(base.indptr))
        return rows, base.indices.astype(np.int64), base.data, self.base_masks

    # -- reading -------------------------------------------------------------------------
    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Live (slots, BM25 tf impacts, field masks) of a term."""
        term_id = self.terms.get(term)
        if term_id is None:
            return _EMPTY
        parts_s, parts_t, parts_m = [], [], []
        if term_id < self.base.shape[0]:
            start, end = self.base.indptr[term_id], self.base.indptr[term_id + 1]
            parts_s.append(self.base.indices[start:end])
            parts_t.append(self.base_impact[start:end])
            parts_m.append(self.base_masks[start:end])
        extra = self.delta.get(term_id)
        if extra:
            slots = np.fromiter(extra.keys(), dtype=np.int32, count=len(extra))
            values = list(extra.values())
            tf = np.array([v[0] for v in values], dtype=np.float32)
            parts_s.append(slots)
            parts_t.append(self._impact(tf, self.lengths[slots]))
            parts_m.append(np.array([v[1] for v in values], dtype=np.uint16))
        if not parts_s:
            return _EMPTY
        if len(parts_s) == 1:
            slots, impact, masks = parts_s[0], parts_t[0], parts_m[0]
        else:
            slots, impact, masks = (np.concatenate(p) for p in (parts_s, parts_t, parts_m))
        if not self.dead:
            return slots, impact, masks
        live = self.alive[slots]
        return slots[live], impact[live], masks[live]

    def live_count(self) -> int:
        return int(self.alive[: self.size].sum())

    def average_length(self) -> float:
        alive = self.alive[: self.size]
        count = int(alive.sum())
        return float(self.lengths[: self.size][alive].sum() / count) if count else 1.0

    def field_names(self, mask: int) -> list[str]:
        return sorted(name for name, bit in self.fields.items() if mask & (1 << bit))

    @staticmethod
    def score_term(impact: np.ndarray, n_docs: int, scale: float = 1.0) -> np.ndarray:
        """BM25 contribution of one term to each of its documents, times `scale`."""
        df = len(impact)
        return impact * np.float32(scale * np.log1p((n_docs - df + 0.5) / (df + 0.5)))


_EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.uint16))
