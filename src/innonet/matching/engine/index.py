"""The searchable index: documents in, ranked results with reasons out."""

import pickle
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy as np

from .analysis import Analyser, Slot
from .bm25 import PostingStore
from .compounds import CompoundSplitter
from .ranking import rank
from .signals import SlotTable
from .text import fold_word, words
from .types import Document, Query, Result, Weights

FORMAT_VERSION = 2
MAX_LIMIT = 1000
PROGRESS_EVERY = 500


class Index:
    """BM25 over analysed text plus structured signals, updatable one document at a time.

    Build once with `Index.build(documents)`; keep it fresh with `add`, `update` and `remove`
    (each well under a second); call `compact()` now and then (e.g. in a background task) to
    fold additions into the main matrix. `save`/`load` pickle the whole index.
    """

    def __init__(self, weights: Weights | None = None, analyser: Analyser | None = None) -> None:
        self.weights = weights or Weights()
        self.analyser = analyser or Analyser()
        self.store = PostingStore()
        self.table = SlotTable()
        self.documents: dict[str, Document] = {}
        self.slot_of: dict[str, int] = {}
        self.id_at: list[str | None] = []
        self.cooperation: dict[str, Counter[str]] = {}
        self.feedback: dict[str, dict[str, float]] = {}
        self.members: dict[str, set[str]] = {}  # organisation id -> its documents' ids

    # -- building ------------------------------------------------------------------------
    @classmethod
    def build(cls, documents: Iterable[Document], weights: Weights | None = None,
              splitter: CompoundSplitter | None = None,
              progress: Callable[[int, int], None] | None = None) -> "Index":  # fmt: skip
        """Index all documents; the compound splitter first learns their vocabulary.
        `progress(done, total)` is called every `PROGRESS_EVERY` documents."""
        documents = list(documents)
        if splitter is None:
            splitter = CompoundSplitter()
            counts: Counter[str] = Counter()
            for document in documents:
                for text in document.texts.values():
                    counts.update(fold_word(w) for w in words(text or ""))
            splitter.learn_counts(counts)
        index = cls(weights=weights, analyser=Analyser(splitter))
        for done, document in enumerate(documents, 1):
            index.add(document, bulk=True)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(documents))
        index.compact()
        if progress:
            progress(len(documents), len(documents))
        return index

    def add(self, document: Document, bulk: bool = False) -> None:
        """Add a document, replacing any earlier one with the same id (`bulk`: during a
        build, searchable only after `compact()`)."""
        if document.id in self.slot_of:
            self.remove(document.id)
        analysed = self.analyser.document(document.texts)
        slot = self.store.add(analysed.tf, analysed.fields, bulk=bulk)
        self.table.put(slot, document)
        self.documents[document.id] = document
        self.slot_of[document.id] = slot
        while len(self.id_at) <= slot:
            self.id_at.append(None)
        self.id_at[slot] = document.id
        self.members.setdefault(document.owner, set()).add(document.id)
        for other, count in document.cooperation.items():
            self._link(document.owner, other, count)

    def update(self, document: Document) -> None:
        """Replace a document (or add it): searchable at once."""
        self.add(document)

    def remove(self, document_id: str) -> bool:
        """Forget a document; returns whether it was there."""
        slot = self.slot_of.pop(document_id, None)
        if slot is None:
            return False
        document = self.documents.pop(document_id)
        self.store.remove(slot)
        self.id_at[slot] = None
        self.members.get(document.owner, set()).discard(document_id)
        for other in document.cooperation:
            self.cooperation.get(document.owner, Counter()).pop(other, None)
            self.cooperation.get(other, Counter()).pop(document.owner, None)
        return True

    def _link(self, first: str, second: str, count: int) -> None:
        if first == second or count <= 0:
            return
        for a, b in ((first, second), (second, first)):
            links = self.cooperation.setdefault(a, Counter())
            links[b] = max(links[b], int(count))

    def compact(self) -> None:
        """Fold recent additions into the main matrix and drop removed documents."""
        mapping = self.store.compact()
        self.table.renumber(mapping)
        self.id_at = [d for d in self.id_at[: len(mapping)] if d is not None]
        self.slot_of = {doc_id: slot for slot, doc_id in enumerate(self.id_at)}

    def set_feedback(self, feedback: Mapping[tuple[str, str], float]) -> None:
        """Staff marks: (query key, document id) -> +1 good / -1 bad; nudges later searches."""
        self.feedback = {}
        for (key, doc_id), value in feedback.items():
            self.feedback.setdefault(key, {})[doc_id] = max(-1.0, min(1.0, float(value)))

    def slots_of_owner(self, owner: str) -> list[int]:
        """Slots of the documents that belong to an organisation (itself, units, profiles)."""
        return [self.slot_of[d] for d in self.members.get(owner, ()) if d in self.slot_of]

    def __len__(self) -> int:
        return len(self.documents)

    # -- searching -----------------------------------------------------------------------
    def search(self, query: Query, limit: int = 20) -> list[Result]:
        """The best `limit` documents for a query, each with its reasons. Never raises on
        odd text: an empty or stop-word-only query with no structured wishes gives []."""
        limit = max(0, min(int(limit), MAX_LIMIT))
        slots = self.analyser.query(
            query.text, synonym=self.weights.synonym, part=self.weights.compound_part
        )
        if limit == 0 or not self.documents:
            return []
        return rank(self, query, slots, limit)

    def text_scores(self, slots: list[Slot]) -> tuple[np.ndarray, list[tuple]]:
        """BM25 per slot: each slot counts with its best alternative. Also returns, per slot,
        the matching (slots, masks) arrays that the reasons are read from."""
        size = self.store.size
        total = np.zeros(size, dtype=np.float32)
        best = np.zeros(size, dtype=np.float32)
        mark = np.zeros(size, dtype=bool)
        n_docs = self.store.live_count()
        hits = []
        for query_slot in slots:
            found = []
            for term, weight in query_slot.alternatives.items():
                doc_slots, impact, field_masks = self.store.postings(term)
                if len(doc_slots):
                    scale = weight * query_slot.weight
                    found.append(
                        (doc_slots, self.store.score_term(impact, n_docs, scale), field_masks)
                    )
            if len(found) == 1:  # the common case: no overlap to resolve
                doc_slots, score, field_masks = found[0]
                total[doc_slots] += score
                hits.append((query_slot, doc_slots, field_masks))
            elif found:  # alternatives overlap: keep each document's best; a mark beats sorting
                for doc_slots, score, _ in found:
                    best[doc_slots] = np.maximum(best[doc_slots], score)
                    mark[doc_slots] = True
                unique = np.flatnonzero(mark)
                mark[unique] = False
                total[unique] += best[unique]
                best[unique] = 0
                doc_slots = np.concatenate([f[0] for f in found])
                hits.append((query_slot, doc_slots, np.concatenate([f[2] for f in found])))
        return total, hits

    # -- persistence ---------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the index (compacted first) to a file, atomically."""
        self.compact()
        path = Path(path)
        temporary = path.with_suffix(path.suffix + ".tmp")
        with temporary.open("wb") as handle:
            pickle.dump((FORMAT_VERSION, self), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> "Index":
        """Read an index written by `save`. Only load files this application wrote: pickle
        executes code from the file."""
        with Path(path).open("rb") as handle:
            version, index = pickle.load(handle)  # noqa: S301  # nosec B301 - own file
        if version != FORMAT_VERSION or not isinstance(index, cls):
            raise ValueError("index file has an unknown format; rebuild the index")
        return index
