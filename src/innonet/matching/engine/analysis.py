"""Turning documents and queries into weighted index terms.

Documents: stop words out, each word stemmed in the document's language, German compounds add
their parts as extra terms. Queries: the language is unknown (two words rarely tell), so each
query word becomes a *slot* whose alternatives are its German and English stems plus synonyms;
a document scores a slot by its best alternative. Compound parts become slots of their own.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from .compounds import CompoundSplitter
from .lexicon import SYNONYM_GROUPS
from .text import guess_language, is_stop, stem, words

MAX_QUERY_SLOTS = 400  # a pasted 1 MB text still becomes a bounded query


@dataclass(slots=True)
class Slot:
    """One query word: its alternatives (term -> weight) and its weight in the query."""

    label: str
    alternatives: dict[str, float]
    weight: float = 1.0


@dataclass(slots=True)
class AnalysedDocument:
    """Term frequencies (already field-weighted) and, per term, the fields it came from."""

    tf: Counter[str] = field(default_factory=Counter)
    fields: dict[str, set[str]] = field(default_factory=dict)


def _synonym_map() -> dict[str, frozenset[str]]:
    mapping: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        stems = {stem(word, lang) for word in group for lang in ("de", "en")}
        for term in stems:
            mapping.setdefault(term, set()).update(stems)
    return {term: frozenset(stems) for term, stems in mapping.items()}


SYNONYMS = _synonym_map()


class Analyser:
    """Shared by index and queries so both sides make the same terms."""

    def __init__(self, splitter: CompoundSplitter | None = None,
                 field_weights: Mapping[str, float] | None = None) -> None:  # fmt: skip
        self.splitter = splitter or CompoundSplitter()
        self.field_weights = dict(field_weights or {"title": 2.0, "keywords": 2.0})

    def document(self, texts: Mapping[str, str], part_weight: float = 0.5) -> AnalysedDocument:
        """Field-weighted term counts of one document (each distinct word analysed once)."""
        fields = {name: words(text or "") for name, text in texts.items()}
        language = guess_language([w for tokens in fields.values() for w in tokens[:500]])
        result = AnalysedDocument()
        for name, tokens in fields.items():
            boost = self.field_weights.get(name, 1.0)
            for word, count in Counter(tokens).items():
                if is_stop(word):
                    continue
                self._add(result, stem(word, language), boost * count, name)
                if language == "de":
                    for part in self.splitter.split(word):
                        self._add(result, stem(part, "de"), boost * count * part_weight, name)
        return result

    @staticmethod
    def _add(result: AnalysedDocument, term: str, weight: float, name: str) -> None:
        if term:
            result.tf[term] += weight
            result.fields.setdefault(term, set()).add(name)

    def query(self, text: str, synonym: float = 0.8, part: float = 0.6) -> list[Slot]:
        """Slots for a query text; repeated words raise their slot's weight."""
        slots: dict[str, Slot] = {}
        for word in words(text):
            if is_stop(word):
                continue
            self._add_slot(slots, word, 1.0, synonym)
            for piece in self.splitter.split(word):
                self._add_slot(slots, piece, part, synonym)
            if len(slots) >= MAX_QUERY_SLOTS:
                break
        return list(slots.values())

    @staticmethod
    def _add_slot(slots: dict[str, Slot], word: str, weight: float, synonym: float) -> None:
        stems = {stem(word, "de"), stem(word, "en")} - {""}
        if not stems:
            return
        label = min(stems, key=len)
        existing = slots.get(label)
        if existing is not None:
            existing.weight += weight
            return
        alternatives: dict[str, float] = {}
        for term in stems:
            for other in SYNONYMS.get(term, ()):
                alternatives[other] = synonym
        alternatives.update(dict.fromkeys(stems, 1.0))
        slots[label] = Slot(label=word.casefold(), alternatives=alternatives, weight=weight)
