"""CORDIS Horizon 2020 consortia: partner recommendation on real data, the data's fair protocol.

Projects that started before the cut-off are history; later projects with three or more
participants are queries. An organisation is known only through its history: the titles,
call-topic texts and themes of its earlier projects, the programmes, topics and funding schemes
it took part in, its activity type, its country and its earlier co-participations. A query
reveals what a network office knows when it builds a consortium: the idea's text, its call
topic, programme and funding scheme; no participant (task 1). Task 2 also reveals the
coordinator. Scored over the query's participants that have history.

Usage: python benchmarks/matching/cordis.py [--data DIR] [--cutoff 2016-01-01]
DIR defaults to $INNONET_CORDIS_DIR, else ../shared/data/cordis-h2020 beside the repository.
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from harness import SimpleBM25, evaluate, table  # also puts src/ on the path

from innonet.matching.engine import Document, Index, Query, Weights
from innonet.matching.engine.text import is_stop, words

REPO = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cordis-h2020"


def data_dir(given: Path | None) -> Path:
    folder = given or Path(os.environ.get("INNONET_CORDIS_DIR") or DEFAULT_DATA)
    if not (folder / "projects_with_participants.jsonl").exists():
        raise SystemExit(f"no CORDIS data in {folder}; pass --data or set INNONET_CORDIS_DIR")
    return folder


def load_projects(folder: Path) -> list[dict]:
    with (folder / "projects_with_participants.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_organisations(folder: Path) -> dict[str, dict]:
    with (folder / "organizations.csv").open(encoding="utf-8") as handle:
        return {row["new_org_id"]: row for row in csv.DictReader(handle)}


def project_text(project: dict) -> str:
    return " ".join(project.get(k) or "" for k in ("title", "topic_description", "thema"))


def project_codes(project: dict) -> set[str]:
    """What a call tells about a project: programme (and its parents), topic without its
    year, topic family, funding scheme."""
    codes = set()
    programme = (project.get("programme") or "").strip(".")
    pieces = programme.split(".")
    for end in range(2, len(pieces) + 1):
        codes.add("programme:" + ".".join(pieces[:end]))
    topic = project.get("topic_code") or ""
    if topic:
        codes.add("topic:" + re.sub(r"-?20\d\d$", "", topic))
        codes.add("family:" + re.split(r"[-.]", topic)[0])
    if project.get("funding_scheme"):
        codes.add("scheme:" + project["funding_scheme"])
    return codes


def split(projects: list[dict], cutoff: str) -> tuple[list[dict], list[dict]]:
    dated = [p for p in projects if p.get("start_date")]
    history = [p for p in dated if p["start_date"] < cutoff]
    later = [p for p in dated if p["start_date"] >= cutoff and len(p["participant_org_ids"]) >= 3]
    return history, later


def profiles(history: list[dict], organisations: dict[str, dict]) -> list[Document]:
    """One document per organisation with history, built from that history alone."""
    texts: dict[str, list[str]] = {}
    codes: dict[str, Counter[str]] = {}
    together: dict[str, Counter[str]] = {}
    for project in history:
        members = project["participant_org_ids"]
        for org in members:
            texts.setdefault(org, []).append(project_text(project))
            codes.setdefault(org, Counter()).update(project_codes(project))
            together.setdefault(org, Counter()).update(o for o in members if o != org)
    documents = []
    for org, parts in texts.items():
        info = organisations.get(org, {})
        documents.append(Document(
            id=org, texts={"projects": " ".join(parts)}, competences=frozenset(codes[org]),
            competence_levels=dict(codes[org]),
            country=info.get("country", ""), org_kind=info.get("activity_type", ""),
            activity=len(parts), cooperation=dict(together[org]),
        ))  # fmt: skip
    return documents


def project_documents(history: list[dict], organisations: dict[str, dict]) -> list[Document]:
    """One document per (earlier project, participant), owned by the participant: the engine
    sums them per organisation, so experience in similar projects adds up."""
    past: Counter[str] = Counter()
    together: dict[str, Counter[str]] = {}
    for project in history:
        members = project["participant_org_ids"]
        past.update(members)
        for org in members:
            together.setdefault(org, Counter()).update(o for o in members if o != org)
    documents = []
    for project in history:
        text, codes = project_text(project), frozenset(project_codes(project))
        for org in dict.fromkeys(project["participant_org_ids"]):
            info = organisations.get(org, {})
            documents.append(Document(
                id=f"{project['project_id']}:{org}", organisation_id=org, kind="project",
                texts={"project": text}, competences=codes, country=info.get("country", ""),
                org_kind=info.get("activity_type", ""), activity=past[org],
                cooperation=dict(together[org]),
            ))  # fmt: skip
    return documents


def coordinator_of(project: dict) -> str:
    """The coordinator's id, found by name (the id list is not always coordinator first)."""
    names, ids = project.get("participant_names") or [], project["participant_org_ids"]
    for name, org in zip(names, ids, strict=False):
        if name == project.get("coordinator_name"):
            return org
    return ids[0]


def query_rows(later: list[dict], known: set[str], task: int) -> list[dict]:
    rows = []
    for project in later:
        relevant = [o for o in project["participant_org_ids"] if o in known]
        coordinator = coordinator_of(project)
        if task == 2:
            relevant = [o for o in relevant if o != coordinator]
        if not relevant:
            continue
        rows.append({
            "id": project["project_id"], "text": project_text(project),
            "competences": sorted(project_codes(project)), "relevant": relevant,
            "partner_ids": [coordinator] if task == 2 else [],
        })  # fmt: skip
    return rows


# -- rankers -------------------------------------------------------------------------------
class Rankers:
    """The README's baselines and the engine, over the same organisation profiles."""

    def __init__(self, documents: list[Document], weights: Weights,
                 projects: list[Document] | None = None) -> None:  # fmt: skip
        self.ids = [d.id for d in documents]
        self.past = np.array([d.activity for d in documents], dtype=np.float32)
        rows = [{"id": d.id, "texts": d.texts} for d in documents]
        self.bm25 = SimpleBM25(rows, english_tokens)
        self.by_organisation = projects is not None
        self.index = Index.build(projects if projects is not None else documents, weights=weights)

    def _top(self, scores: np.ndarray, limit: int) -> list[str]:
        top = np.argsort(-scores, kind="stable")[:limit]
        return [self.ids[i] for i in top if scores[i] > 0]

    def past_projects(self, query: dict, limit: int = 50) -> list[str]:
        return self._top(self.past, limit)

    def plain_bm25(self, query: dict, limit: int = 50) -> list[str]:
        return self._top(self.bm25.scores(query["text"]), limit)

    def bm25_x_past(self, query: dict, limit: int = 50) -> list[str]:
        return self._top(self.bm25.scores(query["text"]) * np.log1p(self.past), limit)

    def engine(self, query: dict, limit: int = 50) -> list[str]:
        ask = Query(text=query["text"], competences=frozenset(query["competences"]),
                    partner_ids=frozenset(query["partner_ids"]),
                    by_organisation=self.by_organisation)  # fmt: skip
        return [r.id for r in self.index.search(ask, limit=limit)]


def english_tokens(text: str) -> list[str]:
    """Word tokens, lower-cased, stop words out: the plain text baseline."""
    return [w.lower() for w in words(text) if not is_stop(w)]


def run(folder: Path, cutoff: str, task: int, weights: Weights, per_project: bool = False,
        ) -> dict[str, dict[str, float]]:  # fmt: skip
    """All rankers on one split; `per_project` indexes earlier projects, summed per partner."""
    history, later = split(load_projects(folder), cutoff)
    organisations = load_organisations(folder)
    documents = profiles(history, organisations)
    queries = query_rows(later, {d.id for d in documents}, task)
    qrels = {q["id"]: dict.fromkeys(q["relevant"], 1) for q in queries}
    projects = project_documents(history, organisations) if per_project else None
    rankers = Rankers(documents, weights, projects)
    chosen = {"past projects only": rankers.past_projects, "plain BM25": rankers.plain_bm25,
              "BM25 x log(1 + past projects)": rankers.bm25_x_past,
              "engine" + (" (per project)" if per_project else ""): rankers.engine}  # fmt: skip
    return {name: evaluate(ranker, queries, qrels) for name, ranker in chosen.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--cutoff", default="2016-01-01")
    parser.add_argument("--task", type=int, choices=(1, 2), default=1)
    parser.add_argument("--per-project", action="store_true")
    options = parser.parse_args()
    results = run(data_dir(options.data), options.cutoff, options.task, CORDIS_WEIGHTS,
                  options.per_project)  # fmt: skip
    print(table(results))
    return 0


# Chosen on the validation split (tune_cordis.py), never on the test queries.
CORDIS_WEIGHTS = Weights(activity=2.0, competences=0.5, network=0.5)

if __name__ == "__main__":
    sys.exit(main())
