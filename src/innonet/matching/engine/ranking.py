"""Combining text relevance and structured signals into one score, with its reasons.

score = relevance x (1 + activity weight x track record), where relevance is the weighted sum
of the normalised BM25 score and the structured signals (each 0..1). The track record only
multiplies: a busy organisation rises among relevant ones but never floats up on its own.
"""

from typing import TYPE_CHECKING

import numpy as np

from .analysis import Slot
from .types import Query, Result

if TYPE_CHECKING:
    from .index import Index

ADDITIVE = ("text", "competences", "ris3", "kind", "cooperation", "region", "freshness",
            "feedback", "network")  # fmt: skip
NETWORK_SEEDS = 25


def rank(index: "Index", query: Query, slots: list[Slot], limit: int) -> list[Result]:
    """Score every live slot at once, take the top `limit`, then explain those."""
    store, weights = index.store, index.weights
    size = store.size
    alive = store.alive[:size]
    text, hits = index.text_scores(slots)
    signals = index.table.structured(query, weights, size, alive)
    top_text = float(text.max()) if size else 0.0
    signals["text"] = text / top_text if top_text > 0 else text
    signals["cooperation"] = _cooperation(index, query, size)
    signals["feedback"] = _feedback(index, query, size)
    signals["network"] = np.zeros(size, dtype=np.float32)
    relevance = np.zeros(size, dtype=np.float32)
    for name in ADDITIVE:
        relevance += getattr(weights, name) * signals[name]
    boost = 1.0 + weights.activity * signals["activity"]
    # kind, region and freshness only order what matched; on their own they find nothing
    matched = alive & ((signals["text"] > 0) | (signals["competences"] > 0)
                       | (signals["ris3"] > 0) | (signals["cooperation"] > 0))  # fmt: skip
    score = np.where(matched & (relevance > 0), relevance * boost, 0.0)
    if weights.network > 0 and matched.any():
        signals["network"] = _network(index, score, size)
        relevance += weights.network * signals["network"]
        matched |= alive & (signals["network"] > 0)
        score = np.where(matched & (relevance > 0), relevance * boost, 0.0)
    _apply_filters(index, query, score, size)
    if query.by_organisation:
        return by_organisation(index, query, score, signals, boost, hits, limit)
    candidates = np.flatnonzero(score > 0)
    if not len(candidates):
        return []
    if len(candidates) > limit:
        candidates = candidates[np.argpartition(-score[candidates], limit - 1)[:limit]]
    names = np.array([index.id_at[slot] for slot in candidates], dtype=str)
    order = candidates[np.lexsort((names, -score[candidates]))]
    return _explain(index, query, order, score, signals, boost, hits)


def by_organisation(index: "Index", query: Query, score: np.ndarray, signals: dict,
                    boost: np.ndarray, hits: list, limit: int) -> list[Result]:  # fmt: skip
    """Score organisations by their documents (the best fully, further units, profiles or
    projects with `Weights.further_documents`); explain each by its best document."""
    owners = index.table.columns["owner"][: len(score)]
    size = len(index.table.codes.ids)
    totals = np.bincount(owners, weights=score, minlength=size)
    share = index.weights.further_documents
    if share != 1.0:
        best_score = np.zeros(size, dtype=np.float64)
        np.maximum.at(best_score, owners, score)
        totals = best_score + share * np.minimum(totals - best_score, best_score)
    chosen = np.flatnonzero(totals > 0)
    if len(chosen) > limit:
        chosen = chosen[np.argpartition(-totals[chosen], limit - 1)[:limit]]
    chosen = chosen[np.argsort(-totals[chosen], kind="stable")]
    positive = np.flatnonzero(score > 0)
    positive = positive[np.argsort(-score[positive], kind="stable")]
    best: dict[int, int] = {}
    wanted = set(chosen.tolist())
    for slot in positive:
        owner = int(owners[slot])
        if owner in wanted and owner not in best:
            best[owner] = int(slot)
    order = np.array([best[int(o)] for o in chosen], dtype=np.int64)
    results = _explain(index, query, order, score, signals, boost, hits)
    weights, names = index.weights, {v: k for k, v in index.table.codes.ids.items()}
    for result, owner in zip(results, chosen, strict=True):
        mine = positive[owners[positive] == owner]
        result.via = result.id
        result.id, result.score = names[int(owner)], round(float(totals[owner]), 4)
        # each document's part of the total: the best one fully, the others with `share`
        # (scaled down when together they would add more than `share` x the best one)
        top, rest = score[best[int(owner)]], float(score[mine].sum() - score[best[int(owner)]])
        further = share * min(1.0, float(top) / rest) if rest > 0 and share != 1.0 else share
        part = np.where(mine == best[int(owner)], 1.0, further)
        result.contributions = {
            name: round(
                float((part * getattr(weights, name) * signals[name][mine] * boost[mine]).sum()),
                4,
            )
            for name in ADDITIVE
            if signals[name][mine].any()
        }
        extra = float((part * (score[mine] - score[mine] / boost[mine])).sum())
        if extra > 0:
            result.contributions["activity"] = round(extra, 4)
    return results


def _cooperation(index: "Index", query: Query, size: int) -> np.ndarray:
    """log(1 + earlier co-operations with the asking side), normalised to 0..1."""
    values = np.zeros(size, dtype=np.float32)
    if not query.partner_ids:
        return values
    owners: dict[str, int] = {}
    for partner in query.partner_ids:
        for other, count in index.cooperation.get(partner, {}).items():
            owners[other] = owners.get(other, 0) + count
    if not owners:
        return values
    for owner, count in owners.items():
        for slot in index.slots_of_owner(owner):
            values[slot] = np.log1p(count)
    top = float(values.max())
    return values / top if top > 0 else values


def _network(index: "Index", score: np.ndarray, size: int) -> np.ndarray:
    """Partners of the best matches: organisations that worked with the top-ranked ones before
    are likely partners too (consortia recur). Seeds count by score, links by log(1 + count)."""
    values = np.zeros(size, dtype=np.float32)
    positive = np.flatnonzero(score > 0)
    if not len(positive):
        return values
    seeds = positive[np.argsort(-score[positive])[:NETWORK_SEEDS]]
    for seed in seeds:
        owner = index.documents[index.id_at[seed]].owner
        weight = float(score[seed])
        for other, count in index.cooperation.get(owner, {}).items():
            for slot in index.slots_of_owner(other):
                values[slot] += weight * np.log1p(count)
    top = float(values.max())
    return values / top if top > 0 else values


def _feedback(index: "Index", query: Query, size: int) -> np.ndarray:
    values = np.zeros(size, dtype=np.float32)
    for doc_id, value in index.feedback.get(query.feedback_key, {}).items():
        slot = index.slot_of.get(doc_id)
        if slot is not None:
            values[slot] = value
    return values


def _apply_filters(index: "Index", query: Query, score: np.ndarray, size: int) -> None:
    kinds = index.table.kind_filter(query.kinds, size)
    if kinds is not None:
        score[~kinds] = 0
    if query.visible is not None:
        slot_of = index.slot_of
        seen = np.zeros(size, dtype=bool)
        slots = [slot for doc in query.visible if (slot := slot_of.get(doc, size)) < size]
        seen[np.asarray(slots, dtype=np.int64)] = True
        score[~seen] = 0
    banned = set(query.exclude_ids) | set(query.partner_ids)
    if not banned:
        return
    for banned_id in banned:
        slot = index.slot_of.get(banned_id)
        if slot is not None:
            score[slot] = 0
        for slot in index.slots_of_owner(banned_id):
            score[slot] = 0


def _explain(index: "Index", query: Query, order: np.ndarray, score: np.ndarray,
             signals: dict[str, np.ndarray], boost: np.ndarray, hits: list,
             ) -> list[Result]:  # fmt: skip
    """Results for the chosen slots with matched words, fields, shared sets and contributions."""
    position = np.full(index.store.size, -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    terms: list[list[str]] = [[] for _ in order]
    masks = np.zeros(len(order), dtype=np.int64)
    for query_slot, doc_slots, field_masks in hits:
        found = position[doc_slots]
        chosen = found >= 0
        for rank_at, mask in zip(found[chosen], field_masks[chosen], strict=True):
            if query_slot.label not in terms[rank_at]:
                terms[rank_at].append(query_slot.label)
            masks[rank_at] |= int(mask)
    results = []
    weights = index.weights
    for at, slot in enumerate(order):
        document = index.documents[index.id_at[slot]]
        contributions = {
            name: round(float(getattr(weights, name) * signals[name][slot] * boost[slot]), 4)
            for name in (*ADDITIVE, "activity")
            if name != "activity" and signals[name][slot] > 0
        }
        relevance = float(score[slot] / boost[slot])
        if boost[slot] > 1:
            contributions["activity"] = round(float(score[slot]) - relevance, 4)
        results.append(Result(
            id=document.id, score=round(float(score[slot]), 4), matched_terms=terms[at],
            matched_fields=index.store.field_names(int(masks[at])),
            shared_competences=sorted(document.competences & query.competences),
            shared_ris3=sorted(document.ris3 & query.ris3), contributions=contributions,
        ))  # fmt: skip
    return results
