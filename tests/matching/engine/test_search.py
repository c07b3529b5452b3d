"""Ranking: what the issue promises a user will find, and why."""

from dataclasses import replace
from datetime import date

from innonet.matching.engine import Document, Index, Query, Weights

from .conftest import CORPUS, doc


def ids(index: Index, query: Query, limit: int = 20) -> list[str]:
    return [r.id for r in index.search(query, limit=limit)]


def test_agriculture_sensing_finds_the_compound_and_the_phrase(index):
    found = ids(index, Query(text="Landwirtschaft Sensorik"))
    assert set(found[:2]) == {"agrar", "sensoren"}


def test_energy_storage_compound_meets_the_phrase(index):
    found = ids(index, Query(text="Energiespeicher"))
    assert set(found[:2]) == {"speicher", "speicherung"}
    assert "cloud" not in found[:2]  # "Datenspeicher" shares only the head


def test_english_query_reaches_german_profiles(index):
    assert ids(index, Query(text="energy storage"))[0] in {"speicher", "speicherung"}


def test_umlaut_spellings_find_each_other(index):
    assert set(ids(index, Query(text="Muller"))) == {"baecker", "logistik"}


def test_results_carry_reasons(index):
    result = index.search(Query(text="Energiespeicher", competences=frozenset({"storage"})))[0]
    assert result.matched_terms and result.matched_fields
    assert result.shared_competences == ["storage"]
    assert abs(sum(result.contributions.values()) - result.score) < 1e-3
    assert {"text", "competences"} <= set(result.contributions)


def test_structured_signals_change_the_order():
    twins = [
        doc("a", "Sensoren", org_kind="sme", region="Emsland"),
        doc("b", "Sensoren", org_kind="research", region="Osnabrück"),
    ]
    index = Index.build(twins)
    assert ids(index, Query(text="Sensoren", partner_kinds=frozenset({"research"})))[0] == "b"
    assert ids(index, Query(text="Sensoren", region="Emsland"))[0] == "a"


def test_earlier_cooperation_counts():
    docs = [
        doc("asker", "Anfrage"),
        doc("old-friend", "Sensoren", cooperation={"asker": 3}),
        doc("stranger", "Sensoren"),
    ]
    index = Index.build(docs)
    found = ids(index, Query(text="Sensoren", partner_ids=frozenset({"asker"})))
    assert found == ["old-friend", "stranger"]  # the asker itself is never suggested


def test_fresh_profiles_rank_first_among_equals():
    docs = [doc("old", "Sensoren", updated_at=date(2020, 1, 1)),
            doc("new", "Sensoren", updated_at=date(2025, 1, 1))]  # fmt: skip
    assert ids(Index.build(docs), Query(text="Sensoren")) == ["new", "old"]


def test_filters_and_exclusions(index):
    only_profiles = ids(index, Query(text="Sensoren", kinds=frozenset({"profile"})))
    assert only_profiles == []
    assert "agrar" not in ids(index, Query(text="Sensorik", exclude_ids=frozenset({"agrar"})))


def test_feedback_nudges(index):
    query = Query(text="Energiespeicher", feedback_key="idea-1")
    first = ids(index, query)[0]
    index.set_feedback({("idea-1", first): -1})
    assert ids(index, query)[0] != first
    assert ids(index, replace(query, feedback_key="other"))[0] == first


def test_incremental_add_update_remove(index):
    index.add(doc("new", "Wasserstoff Elektrolyse"))
    assert ids(index, Query(text="Wasserstoff")) == ["new"]
    index.update(doc("new", "Trompeten Posaunen"))
    assert ids(index, Query(text="Wasserstoff")) == []
    assert ids(index, Query(text="Posaunen")) == ["new"]
    assert index.remove("new") and not index.remove("new")
    assert ids(index, Query(text="Posaunen")) == []
    index.compact()
    assert set(ids(index, Query(text="Landwirtschaft Sensorik"))[:2]) == {"agrar", "sensoren"}


def test_save_and_load(tmp_path, index):
    path = tmp_path / "matching.index"
    index.add(doc("late", "Drohnen Fernerkundung"))
    index.save(path)
    loaded = Index.load(path)
    assert len(loaded) == len(CORPUS) + 1
    assert ids(loaded, Query(text="Drohnen")) == ["late"]
    assert ids(loaded, Query(text="Energiespeicher")) == ids(index, Query(text="Energiespeicher"))


def test_graded_competences():
    docs = [
        Document(id="veteran", competences=frozenset({"x"}), competence_levels={"x": 20}),
        Document(id="novice", competences=frozenset({"x"}), competence_levels={"x": 1}),
        Document(id="other", competences=frozenset({"y"}), updated_at=date(2024, 1, 1)),
    ]
    found = ids(Index.build(docs), Query(competences=frozenset({"x"})))
    assert found == ["veteran", "novice"]


def test_results_by_organisation_sum_units_and_profiles():
    docs = [
        doc("org-a", "Sensoren"), doc("unit-a", "Sensoren Labor", organisation_id="org-a"),
        doc("org-b", "Sensoren und Sensorik"),
    ]  # fmt: skip
    results = Index.build(docs).search(Query(text="Sensoren", by_organisation=True))
    assert [r.id for r in results] == ["org-a", "org-b"]
    assert abs(sum(results[0].contributions.values()) - results[0].score) < 1e-3


SIDE_LINE = "Sensoren neben Chemie, Physik, Biologie, Geschichte und Recht"


def test_further_documents_count_with_their_share():
    docs = [
        doc("uni", "Sensoren am Rande eines Campus mit vielen Themen und Fächern der Lehre"),
        *[doc(f"uni-{n}", SIDE_LINE, organisation_id="uni") for n in range(6)],
        doc("institut", "Sensoren Sensoren Bodenfeuchte Sensoren"),
    ]
    summed = Index.build(docs).search(Query(text="Sensoren", by_organisation=True))
    damped = Index.build(docs, weights=Weights(further_documents=0.25)).search(
        Query(text="Sensoren", by_organisation=True)
    )
    assert [r.id for r in summed] == ["uni", "institut"]
    assert [r.id for r in damped] == ["institut", "uni"]
    assert abs(sum(damped[1].contributions.values()) - damped[1].score) < 1e-3
