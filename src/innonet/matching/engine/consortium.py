"""Consortium proposals: a small set of organisations that together cover what an idea needs.

Greedy set cover over the best-ranked organisations: first the must-includes, then the roles
that are required (an SME, a research institution), then whoever adds the most missing
competences (ties by match score), then the best remaining matches up to the minimum size.
Impossible constraints give a Proposal with `ok` false and machine-readable problems.
"""

from collections import Counter
from dataclasses import dataclass, replace

from .index import Index
from .types import RESEARCH_KINDS, SME_KINDS, Constraints, Member, Proposal, Query, Result

POOL = 300  # documents considered; organisations are their owners
DERIVED_NEEDS = 5  # competences guessed from the best matches when the query names none


@dataclass(slots=True)
class _Candidate:
    id: str
    org_kind: str
    competences: frozenset[str]
    score: float
    result: Result | None = None
    region: str = ""
    country: str = ""


def propose_consortium(index: Index, query: Query, constraints: Constraints | None = None,
                       ) -> Proposal:  # fmt: skip
    """Propose 3 to 8 partners (by default) for the query; never raises on bad constraints."""
    rules = constraints or Constraints()
    problems = _check(index, rules)
    if problems:
        return Proposal(ok=False, problems=problems)
    pool = _candidates(index, query, rules)
    needed = sorted(query.competences) or _derived_needs(pool)
    chosen: list[_Candidate] = [_owner(index, owner) for owner in sorted(rules.must_include)]
    taken = {c.id for c in chosen}
    free = [c for c in pool if c.id not in taken]
    for wanted, required in ((SME_KINDS, rules.needs_sme), (RESEARCH_KINDS, rules.needs_research)):
        if required and not any(c.org_kind in wanted for c in chosen):
            best = _best(free, needed, chosen, lambda c, w=wanted: c.org_kind in w)
            if best is None:
                code = "no_sme" if wanted is SME_KINDS else "no_research"
                problems.append(code)
            elif len(chosen) < rules.max_size:
                chosen.append(best)
                free.remove(best)
    while len(chosen) < rules.max_size and _missing(needed, chosen):
        best = _best(free, needed, chosen, lambda c: bool(_adds(c, needed, chosen)))
        if best is None:
            break
        chosen.append(best)
        free.remove(best)
    while len(chosen) < rules.min_size and free:
        chosen.append(free.pop(0))
    if len(chosen) < rules.min_size:
        problems.append("too_few_candidates")
    return _proposal(chosen, needed, problems)


def _check(index: Index, rules: Constraints) -> list[str]:
    problems = []
    if rules.min_size < 1 or rules.max_size < rules.min_size:
        problems.append("invalid_size")
    if rules.must_include & rules.exclude:
        problems.append("included_and_excluded")
    if len(rules.must_include) > rules.max_size:
        problems.append("too_many_included")
    if any(not index.members.get(owner) for owner in rules.must_include):
        problems.append("unknown_member")
    return problems


def _candidates(index: Index, query: Query, rules: Constraints) -> list[_Candidate]:
    """Best-ranked organisations for the query, allowed by the constraints, best first."""
    ask = replace(query, exclude_ids=query.exclude_ids | rules.exclude)
    seen: dict[str, _Candidate] = {}
    for result in index.search(ask, limit=POOL):
        owner = index.documents[result.id].owner
        if owner in seen or owner in rules.must_include:
            continue
        candidate = _owner(index, owner, result)
        if rules.region and candidate.region != rules.region:
            continue
        if rules.country and candidate.country != rules.country:
            continue
        seen[owner] = candidate
    return list(seen.values())


def _owner(index: Index, owner: str, result: Result | None = None) -> _Candidate:
    """An organisation with the competences of all its documents."""
    docs = [index.documents[d] for d in sorted(index.members.get(owner, ()))]
    main = index.documents.get(owner) or docs[0]
    competences = frozenset().union(*(d.competences for d in docs))
    return _Candidate(id=owner, org_kind=main.org_kind, competences=competences,
                      score=result.score if result else 0.0, result=result,
                      region=main.region, country=main.country)  # fmt: skip


def _derived_needs(pool: list[_Candidate]) -> list[str]:
    counts: Counter[str] = Counter()
    for candidate in pool[:30]:
        counts.update(candidate.competences)
    return sorted(name for name, _ in counts.most_common(DERIVED_NEEDS))


def _adds(candidate: _Candidate, needed: list[str], chosen: list[_Candidate]) -> set[str]:
    return (candidate.competences & set(needed)) - set().union(*(c.competences for c in chosen))


def _missing(needed: list[str], chosen: list[_Candidate]) -> list[str]:
    have = set().union(*(c.competences for c in chosen))
    return [name for name in needed if name not in have]


def _best(free: list[_Candidate], needed: list[str], chosen: list[_Candidate],
          allowed) -> _Candidate | None:  # fmt: skip
    top = max((c.score for c in free), default=0.0) or 1.0
    best, best_gain = None, -1.0
    for candidate in free:
        if not allowed(candidate):
            continue
        gain = len(_adds(candidate, needed, chosen)) / max(len(needed), 1) + candidate.score / top
        if gain > best_gain:
            best, best_gain = candidate, gain
    return best


def _proposal(chosen: list[_Candidate], needed: list[str], problems: list[str]) -> Proposal:
    missing = _missing(needed, chosen)
    members, covered_so_far = [], set()
    for candidate in chosen:
        covers = sorted((candidate.competences & set(needed)) - covered_so_far)
        covered_so_far |= set(covers)
        members.append(Member(id=candidate.id, org_kind=candidate.org_kind, covers=covers,
                              result=candidate.result))  # fmt: skip
    covered = [name for name in needed if name not in missing]
    coverage = len(covered) / len(needed) if needed else 1.0
    return Proposal(ok=not problems, members=members, covered=covered, missing=missing,
                    coverage=round(coverage, 4), problems=problems)  # fmt: skip
