"""Matching: quality (German set, CORDIS) and speed (synthetic network, one core) of the engine.

Speed data is generated with a fixed seed: organisations with units and cooperation profiles,
German-like texts built from the engine's base words, compounds of them and invented words.
Each build runs in a process of its own so its peak memory is its own.
Usage: python benchmarks/matching/bench_matching.py [--orgs 10000] [--docs 100000] [--no-cordis]
"""

import argparse
import itertools
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import harness  # noqa: E402  (also puts src/ on the path)
from _machine import machine_info, write_section  # noqa: E402

from innonet.matching.engine import (  # noqa: E402
    Constraints,
    Document,
    Index,
    Query,
    propose_consortium,
)
from innonet.matching.engine.lexicon import BASE_WORDS  # noqa: E402

SEED = 20240611
KINDS = ("sme", "sme", "sme", "company", "research", "university", "public")
REGIONS = ("Osnabrück", "Emsland", "Vechta", "Grafschaft Bentheim", "Cloppenburg", "Bremen")
FILLER = [
    "und",
    "für",
    "die",
    "mit",
    "von",
    "der",
    "im",
    "zur",
    "den",
    "wir",
    "bieten",
    "suchen",
    "neue",
]


class Words:
    """A deterministic vocabulary: base words, their compounds and invented words."""

    def __init__(self, rng: random.Random) -> None:
        base = sorted(BASE_WORDS)
        syllables = ["ka", "lo", "ter", "min", "sa", "ber", "ku", "stra", "fen", "vo", "rik"]
        invented = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(20_000)}
        compounds = {rng.choice(base) + rng.choice(base) for _ in range(20_000)}
        self.words = base + sorted(invented) + sorted(compounds)
        zipf = [1.0 / (rank + 10) for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(zipf))
        self.rng = rng

    def text(self, count: int) -> str:
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        return " ".join(w.capitalize() if i % 3 else self.rng.choice(FILLER)
                        for i, w in enumerate(chosen))  # fmt: skip


def network(orgs: int, target_docs: int | None = None) -> list[Document]:
    """Organisations with 1-3 units and 0-2 profiles (~3.5 documents per organisation)."""
    rng = random.Random(SEED)
    words = Words(rng)
    documents: list[Document] = []
    org_number = 0
    while (target_docs and len(documents) < target_docs) or (not target_docs and org_number < orgs):
        org_id = f"org-{org_number}"
        kind, region = rng.choice(KINDS), rng.choice(REGIONS)
        competences = frozenset(rng.sample(sorted(BASE_WORDS), 3))
        updated = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
        partners = {f"org-{rng.randrange(max(org_number, 1))}": rng.randint(1, 4)
                    for _ in range(rng.randint(0, 4))}  # fmt: skip
        common = {"org_kind": kind, "region": region, "country": "DE", "updated_at": updated,
                  "competences": competences, "organisation_id": org_id}  # fmt: skip
        documents.append(Document(id=org_id, kind="organisation", cooperation=partners,
                                  texts={"title": words.text(4), "description": words.text(80)},
                                  activity=rng.randint(0, 30), **common))  # fmt: skip
        for unit in range(rng.randint(1, 3)):
            documents.append(Document(id=f"{org_id}-u{unit}", kind="unit", **common,
                                      texts={"title": words.text(3),
                                             "description": words.text(60)}))  # fmt: skip
        for profile in range(rng.randint(0, 2)):
            documents.append(Document(id=f"{org_id}-p{profile}", kind="profile", **common,
                                      texts={"title": words.text(6), "summary": words.text(40),
                                             "keywords": words.text(6)}))  # fmt: skip
        org_number += 1
    return documents


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * share) - 1)]


def measure(orgs: int, target_docs: int | None) -> dict:
    """Build, query, update and propose on one synthetic network (run in a child process)."""
    documents = network(orgs, target_docs)
    started = time.perf_counter()
    index = Index.build(documents)
    build = time.perf_counter() - started
    rng = random.Random(SEED + 1)
    words = Words(rng)
    query_ms = []
    for _ in range(60):
        text = " ".join(words.text(100).split()[:100])
        started = time.perf_counter()
        index.search(Query(text=text), limit=20)
        query_ms.append((time.perf_counter() - started) * 1000)
    update_ms = []
    for number in range(30):
        changed = documents[rng.randrange(len(documents))]
        changed.texts = {"title": words.text(5), "description": words.text(80)}
        started = time.perf_counter()
        index.update(changed)
        update_ms.append((time.perf_counter() - started) * 1000)
        del number
    proposal_ms = []
    for _ in range(15):
        needs = frozenset(rng.sample(sorted(BASE_WORDS), 4))
        query = Query(text=words.text(30), competences=needs)
        started = time.perf_counter()
        propose_consortium(index, query, Constraints())
        proposal_ms.append((time.perf_counter() - started) * 1000)
    return {
        "documents": len(documents),
        "organisations": sum(d.kind == "organisation" for d in documents),
        "build_s": build, "query_p50": statistics.median(query_ms),
        "query_p95": percentile(query_ms, 0.95), "update_p95": percentile(update_ms, 0.95),
        "proposal_p95": percentile(proposal_ms, 0.95),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


def child(orgs: int, target_docs: int | None) -> dict:
    args = [sys.executable, __file__, "--child", str(orgs), str(target_docs or 0)]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def speed_section(orgs: int, docs: int) -> list[str]:
    small, large = child(orgs, None), child(0, docs)
    lines = ["### Speed (synthetic network, one process, one core)", "",
             "| corpus | documents | build s | peak MB | top-20, 100-word query p50 / p95 ms "
             "| update one document p95 ms | consortium proposal p95 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for label, m in ((f"{small['organisations']:,} organisations with units and profiles", small),
                     (f"{large['documents']:,} documents", large)):  # fmt: skip
        lines.append(
            f"| {label} | {m['documents']:,} | {m['build_s']:.1f} | {m['peak_mb']:.0f} | "
            f"{m['query_p50']:.1f} / {m['query_p95']:.1f} | {m['update_p95']:.1f} | "
            f"{m['proposal_p95']:.1f} |"
        )
    lines += ["", "Targets: query p95 < 50 ms (10,000 organisations) and < 300 ms (100,000 "
              "documents); build of 100,000 documents < 120 s and < 2 GB; update < 1 s; "
              "proposal over 10,000 organisations < 1 s.", ""]  # fmt: skip
    return lines


def quality_sections(cordis: bool) -> list[str]:
    corpus, queries, qrels = harness.load(HERE / "data" / "de")
    german = {n: harness.evaluate(r, queries, qrels)
              for n, r in harness.german_rankers(corpus).items()}  # fmt: skip
    lines = ["### Quality, German set (`benchmarks/matching/data/de`)", "",
             harness.table(german), ""]  # fmt: skip
    if cordis:
        import cordis as cordis_module

        folder = cordis_module.data_dir(None)
        for task in (1, 2):
            results = cordis_module.run(folder, "2016-01-01", task, cordis_module.CORDIS_WEIGHTS)
            title = "task 1: idea only" if task == 1 else "task 2: coordinator known"
            lines += [f"### Quality, CORDIS H2020 ({title})", "", harness.table(results), ""]
    return lines


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]) or None)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--no-cordis", action="store_true")
    options = parser.parse_args()
    lines = ["## Matching (matching/bench_matching.py)", "",
             "Engine in `src/innonet/matching/engine/`; formats, data and method in "
             "`docs/matching.md`.", ""]  # fmt: skip
    lines += quality_sections(not options.no_cordis)
    lines += speed_section(options.orgs, options.docs)
    lines.append("Machine: " + ", ".join(f"{k} {v}" for k, v in machine_info().items()))
    print("\n".join(lines), flush=True)
    write_section("bench_matching", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
