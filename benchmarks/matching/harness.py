"""Evaluation harness: read corpus/queries/qrels (JSON Lines, see docs/matching.md), run rankers,
print nDCG@10, recall@10, recall@50, MRR and latency p50/p95.

Usage: python benchmarks/matching/harness.py [--data DIR] [--splitter own|charsplit]
DIR defaults to benchmarks/matching/data/de (the German set).
"""

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import numpy as np
import Stemmer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "src"))

from innonet.matching.engine import Document, Index, Query  # noqa: E402
from innonet.matching.engine.bm25 import PostingStore  # noqa: E402

Ranker = Callable[[dict], list[str]]  # query row -> ranked document ids


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load(folder: Path) -> tuple[list[dict], list[dict], dict[str, dict[str, int]]]:
    """Corpus rows, query rows and qrels as {query id: {doc id: grade}}."""
    qrels: dict[str, dict[str, int]] = {}
    for row in read_jsonl(folder / "qrels.jsonl"):
        qrels.setdefault(row["query_id"], {})[row["doc_id"]] = int(row["relevance"])
    return read_jsonl(folder / "corpus.jsonl"), read_jsonl(folder / "queries.jsonl"), qrels


def to_document(row: dict) -> Document:
    updated = row.get("updated_at")
    return Document(
        id=row["id"], kind=row.get("kind", "organisation"), texts=row.get("texts", {}),
        competences=frozenset(row.get("competences", ())), ris3=frozenset(row.get("ris3", ())),
        region=row.get("region", ""), country=row.get("country", ""),
        org_kind=row.get("org_kind", ""), activity=int(row.get("activity", 0)),
        updated_at=date.fromisoformat(updated) if updated else None,
        cooperation={k: int(v) for k, v in row.get("cooperation", {}).items()},
        organisation_id=row.get("organisation_id", ""),
    )  # fmt: skip


def to_query(row: dict) -> Query:
    return Query(
        text=row.get("text", ""), competences=frozenset(row.get("competences", ())),
        ris3=frozenset(row.get("ris3", ())), partner_kinds=frozenset(row.get("partner_kinds", ())),
        partner_ids=frozenset(row.get("partner_ids", ())), country=row.get("country", ""),
        region=row.get("region", ""), exclude_ids=frozenset(row.get("exclude_ids", ())),
    )  # fmt: skip


# -- baselines -----------------------------------------------------------------------------
class SimpleBM25:
    """BM25 over a given tokenizer, on the engine's posting store; no other signals."""

    def __init__(self, corpus: list[dict], tokens: Callable[[str], list[str]]) -> None:
        self.tokens, self.store, self.ids = tokens, PostingStore(), []
        for row in corpus:
            text = " ".join(row.get("texts", {}).values())
            self.store.add(Counter(tokens(text)), {})
            self.ids.append(row["id"])
        self.store.compact()

    def scores(self, text: str) -> np.ndarray:
        total = np.zeros(self.store.size, dtype=np.float32)
        n = self.store.live_count()
        for term, count in Counter(self.tokens(text)).items():
            slots, impact, _ = self.store.postings(term)
            if len(slots):
                total[slots] += count * self.store.score_term(impact, n)
        return total

    def __call__(self, query: dict, limit: int = 50) -> list[str]:
        scores = self.scores(query.get("text", ""))
        top = np.argsort(-scores, kind="stable")[:limit]
        return [self.ids[i] for i in top if scores[i] > 0]


def plain_tokens(text: str) -> list[str]:
    """Whitespace tokens, lower-cased: no German analysis at all."""
    return text.lower().split()


_GERMAN = Stemmer.Stemmer("german")
_WORD = re.compile(r"\w+")


def stemmed_tokens(text: str) -> list[str]:
    """Word tokens, lower-cased, Snowball German stems; nothing else."""
    return _GERMAN.stemWords(_WORD.findall(text.lower()))


def engine_ranker(index: Index) -> Ranker:
    def rank(query: dict, limit: int = 50) -> list[str]:
        return [r.id for r in index.search(to_query(query), limit=limit)]

    return rank


# -- metrics -------------------------------------------------------------------------------
def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    gain = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr(ranked: list[str], grades: dict[str, int]) -> float:
    for i, doc in enumerate(ranked):
        if grades.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(ranker: Ranker, queries: Iterable[dict], qrels: dict[str, dict[str, int]],
             ) -> dict[str, float]:  # fmt: skip
    """Mean metrics over the queries that have judgements, plus latency in ms."""
    rows, times = [], []
    for query in queries:
        grades = qrels.get(query["id"])
        if not grades:
            continue
        started = time.perf_counter()
        ranked = ranker(query)
        times.append((time.perf_counter() - started) * 1000)
        rows.append((ndcg(ranked, grades), recall(ranked, grades, 10),
                     recall(ranked, grades, 50), mrr(ranked, grades)))  # fmt: skip
    means = [statistics.fmean(column) for column in zip(*rows, strict=True)]
    times.sort()
    return {
        "queries": len(rows), "ndcg@10": means[0], "recall@10": means[1],
        "recall@50": means[2], "mrr": means[3], "p50_ms": statistics.median(times),
        "p95_ms": times[max(0, math.ceil(len(times) * 0.95) - 1)],
    }  # fmt: skip


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| ranker | queries | nDCG@10 | recall@10 | recall@50 | MRR | p50 ms | p95 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for name, m in results.items():
        lines.append(
            f"| {name} | {m['queries']} | {m['ndcg@10']:.3f} | {m['recall@10']:.3f} | "
            f"{m['recall@50']:.3f} | {m['mrr']:.3f} | {m['p50_ms']:.2f} | {m['p95_ms']:.2f} |"
        )
    return "\n".join(lines)


def german_rankers(corpus: list[dict], splitter: str = "own") -> dict[str, Ranker]:
    documents = [to_document(row) for row in corpus]
    built = Index.build(documents, splitter=_charsplit() if splitter == "charsplit" else None)
    return {
        "plain BM25 (whitespace)": SimpleBM25(corpus, plain_tokens),
        "BM25 + Snowball stemming": SimpleBM25(corpus, stemmed_tokens),
        f"engine ({splitter} splitter)": engine_ranker(built),
    }


def _charsplit():
    """The PyPI CharSplit model (compound-split), if installed, behind our splitter's API."""
    from charsplit_adapter import CharSplitAdapter

    return CharSplitAdapter()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data" / "de")
    parser.add_argument("--splitter", choices=("own", "charsplit"), default="own")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    options = parser.parse_args()
    corpus, queries, qrels = load(options.data)
    rankers = german_rankers(corpus, options.splitter)
    results = {name: evaluate(ranker, queries, qrels) for name, ranker in rankers.items()}
    print(json.dumps(results, indent=2) if options.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
