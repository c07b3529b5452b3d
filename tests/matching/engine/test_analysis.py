"""Text analysis: folding, stop words, stemming and German compounds."""

import subprocess
import sys

from innonet.matching.engine import Analyser, CompoundSplitter
from innonet.matching.engine.text import guess_language, stem, words


def terms(text: str) -> set[str]:
    return set(Analyser().document({"text": text}).tf)


def test_every_umlaut_spelling_meets():
    assert stem("Müller", "de") == stem("Mueller", "de") == stem("Muller", "de")
    assert terms("Häfen") == terms("Haefen")


def test_stop_words_are_dropped_but_acronyms_stay():
    assert terms("und der die das and the of") == set()
    assert terms("IT für KMU") == {stem("IT", "de"), stem("KMU", "de")}


def test_inflections_share_a_stem():
    assert stem("Speicherung", "de") == stem("Speicher", "de") == stem("speichern", "de")
    assert stem("landwirtschaftliche", "de") == stem("Landwirtschaft", "de")


def test_language_is_guessed_from_stop_words():
    assert guess_language(words("Wir entwickeln Sensoren für die Landwirtschaft")) == "de"
    assert guess_language(words("We build sensors for the farms of the future")) == "en"


def test_compounds_split_with_linking_elements():
    splitter = CompoundSplitter()
    splitter.learn(["Sensorik", "Speicher", "Wirtschaft", "Betrieb"])
    assert splitter.split("Agrarsensorik") == ("agrar", "sensorik")
    assert splitter.split("Energiespeicher") == ("energie", "speicher")
    assert splitter.split("Landwirtschaftsbetrieb") == ("landwirtschaft", "betrieb")
    assert splitter.split("Ernährungswirtschaft") == ("ernahrung", "wirtschaft")


def test_plain_words_are_not_split():
    splitter = CompoundSplitter()
    splitter.learn(["unter", "nehmen", "Forschung", "Verarbeitung"])
    for word in ("Unternehmen", "Forschung", "Landwirtschaft", "Sensor", "Digitalisierung"):
        assert splitter.split(word) == (), word


def test_compound_parts_become_document_terms():
    found = terms("Agrarsensorik")
    assert {stem("Agrar", "de"), stem("Sensorik", "de")} <= found


def test_engine_imports_nothing_from_django():
    code = (
        "import sys, innonet.matching.engine as e; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
