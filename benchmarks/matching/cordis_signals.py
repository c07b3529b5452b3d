"""CORDIS signal study: which fair signals carry information beyond BM25 x log(1 + past projects)?

For each split (validation: history before 2015-07-01, queries from the second half of 2015;
test: the README protocol) every organisation gets, per query, the signals an office could
compute (earlier-project text, call topic/call/programme codes, kind and country mix, recency,
co-operation). The script prints each signal alone and multiplied by log(1 + past projects),
then a logistic regression fitted on the validation split only (over each query's 200 best
candidates of a simple first ranking, with interactions with the track record) applied to both
splits, then co-operation propagation on top of it. Numbers go into docs/matching.md.

Usage: python benchmarks/matching/cordis_signals.py [--data DIR]   (numpy/scipy only, ~1 min)
"""

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from cordis import data_dir, english_tokens, load_organisations, load_projects, project_text
from harness import SimpleBM25
from scipy import sparse

SPLITS = {"validation": ("2015-07-01", "2016-01-01"), "test": ("2016-01-01", "9999-12-31")}
POOL, SEED_K = 200, 10
CODE_TYPES = ("topic", "topic_any_year", "call", "call_any_year", "family", "programme", "scheme")


def codes(project: dict) -> dict[str, str]:
    """The call facts a network office knows when it writes a proposal, one code per type."""
    topic, call = project.get("topic_code") or "", project.get("call") or ""
    return {
        "topic": topic, "topic_any_year": re.sub(r"-?20\d\d", "", topic),
        "call": call, "call_any_year": re.sub(r"-?20\d\d", "", call),
        "family": re.split(r"[-.]", topic)[0] if topic else "",
        "programme": (project.get("programme") or "").strip("."),
        "scheme": project.get("funding_scheme") or "",
    }  # fmt: skip


class Split:
    """History matrices for one cut-off: projects x organisations, code -> projects, texts."""

    def __init__(self, projects: list[dict], info: dict[str, dict], start: str, end: str):
        self.history = history = [p for p in projects if p["start_date"] < start]
        later = [p for p in projects if start <= p["start_date"] < end]
        self.orgs = sorted({o for p in self.history for o in p["participant_org_ids"]})
        at = {o: i for i, o in enumerate(self.orgs)}
        rows = [(j, at[o]) for j, p in enumerate(self.history)
                for o in dict.fromkeys(p["participant_org_ids"])]  # fmt: skip
        r, c = np.array(rows).T
        shape = (len(self.history), len(self.orgs))
        self.m = sparse.csr_matrix((np.ones(len(r), np.float32), (r, c)), shape=shape)
        self.mt = self.m.T.tocsr()
        self.past = np.asarray(self.m.sum(0)).ravel()
        self.day = np.array([np.datetime64(p["start_date"], "D").astype(int) for p in self.history])
        self.by_code: dict[tuple[str, str], list[int]] = {}
        for j, project in enumerate(self.history):
            for kind, value in codes(project).items():
                if value:
                    self.by_code.setdefault((kind, value), []).append(j)
        own: dict[int, list[str]] = {}
        for j, o in rows:
            own.setdefault(o, []).append(project_text(self.history[j]))
        rows_of = [{"id": o, "texts": {"t": " ".join(own[i])}} for i, o in enumerate(self.orgs)]
        self.profile_bm25 = SimpleBM25(rows_of, english_tokens)
        texts = [{"id": str(j), "texts": {"t": project_text(p)}} for j, p in enumerate(history)]
        titles = [{"id": t["id"], "texts": {"t": p.get("title") or ""}}
                  for t, p in zip(texts, history, strict=True)]  # fmt: skip
        self.project_bm25 = SimpleBM25(texts, english_tokens)
        self.title_bm25 = SimpleBM25(titles, english_tokens)
        keys = (("kind", "activity_type"), ("country", "country"))
        self.attr = {n: np.array([info.get(o, {}).get(k) or "" for o in self.orgs])
                     for n, k in keys}  # fmt: skip
        self.coop = (self.mt @ self.m).tocsr()
        self.coop.setdiag(0)
        self.coop.eliminate_zeros()
        self.coop.data = np.log1p(self.coop.data)
        self.queries, self.relevant = [], []
        for project in later:
            found = [at[o] for o in dict.fromkeys(project["participant_org_ids"]) if o in at]
            if len(project["participant_org_ids"]) >= 3 and found:
                self.queries.append(project)
                self.relevant.append(found)

    def signals(self, query: dict) -> dict[str, np.ndarray]:
        """Every signal for every organisation, for one query."""
        per_org = {"text_profile": self.profile_bm25.scores(project_text(query))}
        text = self.project_bm25.scores(project_text(query))
        per_org["text_projects_sum"] = self.mt @ text
        per_org["text_projects_max"] = self.m.multiply(text[:, None]).max(0).toarray().ravel()
        near = np.zeros_like(text)
        top = np.argsort(-text)[:100]
        near[top] = text[top] / (text[top].max() + 1e-9)
        per_org["similar_projects_top100"] = self.mt @ near
        per_org["title_projects_sum"] = self.mt @ self.title_bm25.scores(query.get("title") or "")
        wanted = codes(query)
        family = np.zeros(len(self.history), np.float32)
        for kind in CODE_TYPES:
            hit = np.zeros(len(self.history), np.float32)
            hit[self.by_code.get((kind, wanted[kind]), [])] = 1
            per_org["same_" + kind] = self.mt @ hit
            family = hit if kind == "family" else family
        per_org["text_same_family"] = self.mt @ (text / (text.max() + 1e-9) * family)
        per_org["past_projects"] = self.past.astype(np.float32)
        age = (np.datetime64(query["start_date"], "D").astype(int) - self.day) / 365.0
        per_org["recent_projects"] = self.mt @ np.exp(-np.log(2) * age)
        share = self.mt @ family  # the organisation's participations in the same family
        for name, values in self.attr.items():  # how much this kind / country takes part there
            keys, inverse = np.unique(values, return_inverse=True)
            mix = np.bincount(inverse, weights=share, minlength=len(keys)) / (share.sum() + 1e-9)
            per_org[f"{name}_mix_in_family"] = mix[inverse]
        return per_org

    def matrix(self) -> tuple[list[str], np.ndarray]:
        """Queries x organisations x signals, scaled: text by the query's best, counts by log."""
        names, planes = [], []
        for query in self.queries:
            found = self.signals(query)
            names = list(found)
            planes.append(np.stack([_scale(n, found[n]) for n in names], 1))
        return names, np.stack(planes).astype(np.float32)


def _scale(name: str, values: np.ndarray) -> np.ndarray:
    if name.startswith(("text", "similar", "title")):
        return values / (values.max() + 1e-9)
    if name.endswith("mix_in_family"):
        return np.log1p(values * 1e4) / np.log1p(1e4)
    return np.log1p(values)


def recall(scores: np.ndarray, relevant: list[list[int]]) -> tuple[float, float]:
    top = np.argpartition(-scores, 50, axis=1)[:, :50]
    order = np.argsort(-np.take_along_axis(scores, top, 1), 1, kind="stable")
    top = np.take_along_axis(top, order, 1)
    r10 = [len(set(t[:10]) & set(r)) / len(r) for t, r in zip(top, relevant, strict=True)]
    r50 = [len(set(t) & set(r)) / len(r) for t, r in zip(top, relevant, strict=True)]
    return float(np.mean(r10)), float(np.mean(r50))


class Learned:
    """Logistic regression (numpy, class-balanced, L2) over each query's first-stage pool."""

    def __init__(self, names: list[str]):
        self.names = names

    def _pool(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        at = self.names.index
        first = x[:, :, at("text_profile")] * x[:, :, at("past_projects")]
        first += 0.5 * (x[:, :, at("same_family")] + x[:, :, at("text_projects_sum")])
        pool = np.argpartition(-first, POOL, 1)[:, :POOL]
        rows = np.take_along_axis(x, pool[:, :, None], 1)
        past = rows[:, :, [at("past_projects")]]
        return pool, np.concatenate([rows, past * rows], 2)

    def fit(self, x: np.ndarray, relevant: list[list[int]]) -> "Learned":
        pool, rows = self._pool(x)
        y = np.array([np.isin(p, r) for p, r in zip(pool, relevant, strict=True)], np.float64)
        a, y = rows.reshape(-1, rows.shape[2]).astype(np.float64), y.ravel()
        mean, spread = a.mean(0), a.std(0) + 1e-6
        z = (a - mean) / spread
        weight = np.where(y > 0, (1 - y.mean()) / y.mean(), 1.0)
        weight /= weight.mean()
        w, b = np.zeros(z.shape[1]), 0.0
        for _ in range(500):
            g = (1 / (1 + np.exp(-(z @ w + b))) - y) * weight
            w -= 0.3 * (z.T @ g / len(y) + 1e-3 * w)
            b -= 0.3 * g.mean()
        self.w = w / spread
        return self

    def scores(self, x: np.ndarray) -> np.ndarray:
        pool, rows = self._pool(x)
        s = rows @ self.w
        out = np.zeros(x.shape[:2], np.float32)
        np.put_along_axis(out, pool, s - s.min(1, keepdims=True) + 1, 1)
        return out


def propagate(scores: np.ndarray, coop: sparse.csr_matrix, gain: float) -> np.ndarray:
    """Add the earlier partners of the SEED_K best, weighted by their scores."""
    seeds = np.argpartition(-scores, SEED_K, 1)[:, :SEED_K]
    w = np.zeros_like(scores)
    np.put_along_axis(w, seeds, np.take_along_axis(scores, seeds, 1), 1)
    near = np.asarray((coop @ w.T).T)
    near /= near.max(1, keepdims=True) + 1e-9
    return scores + gain * scores.max(1, keepdims=True) * near


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    folder = data_dir(parser.parse_args().data)
    projects = [p for p in load_projects(folder) if p.get("start_date")]
    info = load_organisations(folder)
    splits = {name: Split(projects, info, *bounds) for name, bounds in SPLITS.items()}
    data = {name: s.matrix() for name, s in splits.items()}
    names = data["validation"][0]
    print("| signal | validation r@10 / r@50 | x log(1+past) | test r@10 / r@50 | x log(1+past) |")
    print("| --- | --- | --- | --- | --- |")
    for i, name in enumerate(names):
        cells = []
        for split, (_, x) in data.items():
            past, alone = x[:, :, names.index("past_projects")], x[:, :, i] + 1e-6 * x[:, :, 0]
            for s in (alone, x[:, :, i] * past + 1e-6 * past):
                cells.append("{:.3f} / {:.3f}".format(*recall(s, splits[split].relevant)))
        print(f"| {name} | " + " | ".join(cells) + " |")
    model = Learned(names).fit(data["validation"][1], splits["validation"].relevant)
    for split, (_, x) in data.items():
        learned = model.scores(x)
        found = recall(learned, splits[split].relevant)
        print(split, "learned combination r@10 / r@50 {:.3f} / {:.3f}".format(*found))
        for gain in (0.1, 0.3, 0.6):
            found = recall(propagate(learned, splits[split].coop, gain), splits[split].relevant)
            print(f"{split}   + propagation gain {gain}: {found[0]:.3f} / {found[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
