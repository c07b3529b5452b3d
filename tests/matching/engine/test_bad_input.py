"""Odd input gives empty or sensible results, never an exception or a hang."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from innonet.matching.engine import Index, Query

from .conftest import CORPUS

INDEX = Index.build(CORPUS)


def test_empty_and_stop_word_queries_give_nothing():
    assert INDEX.search(Query(text="")) == []
    assert INDEX.search(Query(text="   \n\t ")) == []
    assert INDEX.search(Query(text="und der die das the of and")) == []


def test_a_megabyte_of_text_is_answered_quickly():
    text = "Energiespeicher Landwirtschaft Sensorik Hafen " * 25_000  # ~1.1 MB
    started = time.monotonic()
    results = INDEX.search(Query(text=text))
    assert time.monotonic() - started < 5
    assert results and results[0].id in {"speicher", "agrar", "sensoren", "speicherung"}


def test_one_endless_word_is_harmless():
    assert INDEX.search(Query(text="a" * 1_000_000)) == []


def test_mixed_scripts_emoji_and_control_characters():
    text = "Энергия 能源 🚀🔋 Energie\x00speicher\x1b[31m Sensorik\u202e"
    found = [r.id for r in INDEX.search(Query(text=text))]
    assert found  # the German words still count


def test_strange_limits():
    assert INDEX.search(Query(text="Sensorik"), limit=0) == []
    assert INDEX.search(Query(text="Sensorik"), limit=-5) == []
    assert len(INDEX.search(Query(text="Sensorik"), limit=10**9)) <= len(CORPUS)


def test_an_empty_index_answers():
    assert Index.build([]).search(Query(text="Sensorik")) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=20), max_size=5))
def test_any_text_and_wishes(text, competences):
    results = INDEX.search(Query(text=text, competences=frozenset(competences)), limit=5)
    assert len(results) <= 5
    assert all(r.score > 0 for r in results)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(max_size=10), st.text(max_size=200), max_size=4))
def test_any_document_can_be_indexed(texts):
    index = Index.build(CORPUS[:2])
    index.add(CORPUS[0].__class__(id="odd", texts=texts))
    index.search(Query(text=" ".join(texts.values())[:100]))
    assert index.remove("odd")
