"""Low-level text handling: normalising, tokenising, language guessing, stemming, folding.

Umlaut decision: stems are folded to the bare vowel (ä → a, and the transliteration ae → a
as well), after Snowball has run on the original spelling. So "Müller", "Mueller" and
"Muller" all end as the same term, and Snowball still sees real German words.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

from .lexicon import STOP_WORDS, STOP_WORDS_DE, STOP_WORDS_EN

MAX_TEXT_CHARS = 200_000  # longer input is cut: matching needs the gist, not a book
MAX_TOKEN_CHARS = 40  # longer "words" are base64, hashes or URLs; they never match usefully

_WORD = re.compile(r"[^\W_]+")
# control, format, private-use and unassigned code points (Unicode category C*) become spaces
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ue000-\uf8ff\ufff0-\uffff]"
)
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})

_STEMMERS = {"de": Stemmer.Stemmer("german"), "en": Stemmer.Stemmer("english")}


def normalise(text: str) -> str:
    """NFKC, drop control characters and cut overly long input; never raises on odd strings."""
    if not isinstance(text, str):
        return ""
    text = text[:MAX_TEXT_CHARS]
    text = unicodedata.normalize("NFKC", text)
    return _CONTROL.sub(" ", text)


def words(text: str) -> list[str]:
    """Word tokens in their original case; hyphenated words count as their parts."""
    return [w for w in _WORD.findall(normalise(text)) if 1 < len(w) <= MAX_TOKEN_CHARS]


def is_stop(word: str) -> bool:
    """Stop words are dropped, except upper-case acronyms such as "IT" or "KI"."""
    if word.isupper() and 2 <= len(word) <= 5:
        return False
    return word.casefold() in STOP_WORDS


def guess_language(tokens: list[str]) -> str:
    """ "de" or "en" by counting stop words; ties (keyword lists) go to German, the house tongue."""
    german = english = 0
    for token in tokens:
        lowered = token.casefold()
        german += lowered in STOP_WORDS_DE
        english += lowered in STOP_WORDS_EN
        if any(ch in lowered for ch in "äöüß"):
            german += 1
    return "en" if english > german else "de"


def fold(term: str) -> str:
    """Fold a stem so every umlaut spelling meets: ä/ae → a, ö/oe → o, ü/ue → u, ß → ss."""
    term = term.translate(_UMLAUTS)
    for digraph, vowel in _DIGRAPHS:
        term = term.replace(digraph, vowel)
    return term


def fold_word(word: str) -> str:
    """Lower-case surface form with umlauts folded, as the compound splitter sees words."""
    return word.casefold().translate(_UMLAUTS)


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The index term for a word. German is stemmed twice: Snowball leaves "speicher" from
    "Speicherung" but "speich" from "Speicher"; a second pass makes the two meet."""
    lowered = word.casefold()
    if language == "de":
        stemmer = _STEMMERS["de"]
        return fold(stemmer.stemWord(stemmer.stemWord(lowered)))
    return fold(_STEMMERS["en"].stemWord(lowered))
