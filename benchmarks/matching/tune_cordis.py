"""Choose the engine's CORDIS weights on a validation split that never touches the test queries:
history before 2015-07-01, projects starting 2015-07-01 to 2015-12-31 (3+ partners) as queries.

Usage: python benchmarks/matching/tune_cordis.py [--data DIR]
"""

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

from cordis import (
    Rankers,
    data_dir,
    load_organisations,
    load_projects,
    profiles,
    query_rows,
)
from harness import evaluate

from innonet.matching.engine import Weights

VALIDATION_CUTOFF, TEST_CUTOFF = "2015-07-01", "2016-01-01"
GRID = {"activity": (2.0, 8.0), "competences": (0.5, 1.0, 2.0), "network": (0.0, 0.5)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    options = parser.parse_args()
    folder = data_dir(options.data)
    projects = [p for p in load_projects(folder) if p.get("start_date")]
    history = [p for p in projects if p["start_date"] < VALIDATION_CUTOFF]
    later = [p for p in projects if VALIDATION_CUTOFF <= p["start_date"] < TEST_CUTOFF
             and len(p["participant_org_ids"]) >= 3]  # fmt: skip
    organisations = load_organisations(folder)
    documents = profiles(history, organisations)
    queries = query_rows(later, {d.id for d in documents}, task=1)
    qrels = {q["id"]: dict.fromkeys(q["relevant"], 1) for q in queries}
    rankers = Rankers(documents, Weights())
    print(f"{len(documents)} organisations, {len(queries)} validation queries")
    best = None
    for values in itertools.product(*GRID.values()):
        rankers.index.weights = replace(Weights(), **dict(zip(GRID, values, strict=True)))
        m = evaluate(rankers.engine, queries, qrels)
        print(dict(zip(GRID, values, strict=True)), f"r@10 {m['recall@10']:.3f} "
              f"r@50 {m['recall@50']:.3f} nDCG {m['ndcg@10']:.3f}", flush=True)  # fmt: skip
        if best is None or m["recall@10"] + m["recall@50"] > best[0]:
            best = (m["recall@10"] + m["recall@50"], values)
    print("best", dict(zip(GRID, best[1], strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
