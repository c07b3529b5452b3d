"""Consortium proposals, including the constraints a user can make impossible."""

from innonet.matching.engine import Constraints, Document, Index, Query, propose_consortium


def org(doc_id: str, kind: str, competences: set[str], region: str = "Osnabrück") -> Document:
    return Document(
        id=doc_id,
        org_kind=kind,
        competences=frozenset(competences),
        region=region,
        texts={"title": "Sensorik Landwirtschaft " + " ".join(competences)},
    )


ORGS = [
    org("sme-1", "sme", {"sensors"}),
    org("sme-2", "sme", {"software"}, region="Emsland"),
    org("uni-1", "university", {"agronomy"}),
    org("lab-1", "research", {"sensors", "data"}),
    org("firm-1", "company", {"machines"}),
    org("firm-2", "company", {"machines", "software"}),
]
INDEX = Index.build(ORGS)
NEEDS = frozenset({"sensors", "software", "agronomy", "machines"})


def test_proposal_covers_needs_with_sme_and_research():
    proposal = propose_consortium(INDEX, Query(text="Sensorik", competences=NEEDS))
    kinds = {m.org_kind for m in proposal.members}
    assert proposal.ok and proposal.coverage == 1.0 and proposal.missing == []
    assert "sme" in kinds and kinds & {"research", "university"}
    assert 3 <= len(proposal.members) <= 8
    assert sorted(c for m in proposal.members for c in m.covers) == sorted(NEEDS)


def test_must_include_exclude_and_region():
    rules = Constraints(must_include=frozenset({"firm-1"}), exclude=frozenset({"sme-1"}))
    proposal = propose_consortium(INDEX, Query(text="Sensorik", competences=NEEDS), rules)
    chosen = [m.id for m in proposal.members]
    assert chosen[0] == "firm-1" and "sme-1" not in chosen
    local = propose_consortium(INDEX, Query(text="Sensorik"), Constraints(region="Osnabrück"))
    assert all(m.id != "sme-2" for m in local.members)


def test_max_size_limits_and_reports_what_is_missing():
    proposal = propose_consortium(
        INDEX,
        Query(text="Sensorik", competences=NEEDS | {"unobtainium"}),
        Constraints(min_size=1, max_size=2),
    )
    assert len(proposal.members) <= 2
    assert "unobtainium" in proposal.missing and proposal.coverage < 1


def test_impossible_constraints_are_explained_not_raised():
    cases = {
        "invalid_size": Constraints(min_size=5, max_size=2),
        "included_and_excluded": Constraints(
            must_include=frozenset({"sme-1"}), exclude=frozenset({"sme-1"})
        ),
        "unknown_member": Constraints(must_include=frozenset({"nobody"})),
        "too_many_included": Constraints(
            max_size=3, must_include=frozenset({"sme-1", "sme-2", "uni-1", "lab-1"})
        ),
    }
    for code, rules in cases.items():
        proposal = propose_consortium(INDEX, Query(text="Sensorik"), rules)
        assert not proposal.ok and code in proposal.problems, code


def test_missing_roles_and_too_few_candidates_are_reported():
    only_smes = Index.build([org("a", "sme", {"x"}), org("b", "sme", {"y"})])
    proposal = propose_consortium(only_smes, Query(text="Sensorik"))
    assert not proposal.ok
    assert {"no_research", "too_few_candidates"} <= set(proposal.problems)
    assert propose_consortium(Index.build([]), Query(text="")).ok is False
