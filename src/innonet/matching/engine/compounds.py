"""German compound splitting learned from the indexed vocabulary plus a small built-in lexicon.

Why our own and not a PyPI splitter: the CharSplit model on PyPI (compound-split) is 185 MB
installed, takes about 2 s and 360 MB to load, and splits only into head and rest; this one
costs nothing to load, knows the network's own words (it learns them from the documents), and
measured no worse on the German evaluation set (see docs/matching.md).

A word is split into the fewest known parts (each at least four letters, or a built-in base
word of three), joined by the usual linking elements (-s-, -n-, -en-, -es-, -er-, -e-); the
last part may carry an inflection ending. Ties go to the parts seen most often.
"""

import math
from collections import Counter
from collections.abc import Iterable

from .lexicon import BASE_WORDS, NO_SPLIT, STOP_WORDS
from .text import fold_word

LINKS = ("", "s", "n", "en", "es", "er", "e", "ens")
ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "em")
# an unknown part that starts like a derivation suffix is a word ending, not a word
SUFFIX_STARTS = ("keit", "heit", "isier", "ier", "ung", "lich", "itat", "ismus", "schaft")
MIN_WORD = 7  # shorter words are rarely compounds and the risk of nonsense splits is high
MIN_PART = 4
MAX_PARTS = 4
_CACHE_LIMIT = 100_000


class CompoundSplitter:
    """Splits folded lower-case German words into known parts; remembers what it has seen."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = Counter()
        self._cache: dict[str, tuple[str, ...]] = {}
        if counts:
            self.learn_counts(counts)

    def learn(self, words: Iterable[str]) -> None:
        """Count surface words (any case) from documents; only plausible parts are kept."""
        self.learn_counts(Counter(fold_word(w) for w in words))

    def learn_counts(self, counts: Counter[str]) -> None:
        for word, count in counts.items():
            if len(word) >= MIN_PART and word.isalpha() and word not in STOP_WORDS:
                self.counts[word] += count
        self._cache.clear()

    def known(self, part: str) -> bool:
        if part in STOP_WORDS:
            return False
        if part in BASE_WORDS or part in NO_SPLIT:
            return len(part) >= 3
        return len(part) >= MIN_PART and part in self.counts

    def _weight(self, part: str) -> float:
        return math.log(2 + self.counts.get(part, 0) + (5 if part in BASE_WORDS else 0))

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound, or () when the word is not (knowingly) a compound."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        folded = fold_word(word)
        lexical = folded in NO_SPLIT or folded in BASE_WORDS  # "Wasserstoff" is not water
        if len(folded) < MIN_WORD or lexical or not folded.isalpha():
            return ()
        best = self._best(folded)
        parts = best[1] if best and len(best[1]) > 1 else ()
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = parts
        return parts

    def _best(self, word: str) -> tuple[float, tuple[str, ...]] | None:
        """Dynamic programming over end positions: fewest unknown parts, then fewest parts,
        then the most frequent parts. One unknown part (a word the corpus never had on its
        own, such as "binnen" in "Binnenhafen") is allowed next to known ones."""
        size = len(word)
        # best[i] = (unknown parts, parts, -weight, parts) for word[:i], ending after a link
        best: list[tuple[int, int, float, tuple[str, ...]] | None] = [None] * (size + 1)
        best[0] = (0, 0, 0.0, ())
        for start in range(size):
            here = best[start]
            if here is None or here[1] >= MAX_PARTS:
                continue
            # the first part must leave room for another: the whole word is not a split
            last = size - 3 if start == 0 else size
            for end in range(start + 3, last + 1):
                part = word[start:end]
                if self.known(part):
                    unknown, weight = 0, self._weight(part)
                elif not here[0] and self._plausible(part):
                    unknown, weight = 1, 0.0
                else:
                    continue
                candidate = (here[0] + unknown, here[1] + 1, here[2] - weight, (*here[3], part))
                for link in LINKS:
                    stop = end + len(link)
                    if stop <= size and word[end:stop] == link:
                        # a link letter costs a little: "vlies|stoff" beats "vlie|s|stoff"
                        linked = (*candidate[:2], candidate[2] + 0.1 * len(link), candidate[3])
                        current = best[stop]
                        if current is None or linked[:3] < current[:3]:
                            best[stop] = linked
        return self._finish(word, best)

    @staticmethod
    def _plausible(part: str) -> bool:
        return (
            len(part) >= MIN_PART and part not in STOP_WORDS and not part.startswith(SUFFIX_STARTS)
        )

    def _finish(self, word: str, best: list) -> tuple[float, tuple[str, ...]] | None:
        size = len(word)
        chosen = None
        for ending in ENDINGS:
            stop = size - len(ending)
            if stop <= 0 or not word.endswith(ending):
                continue
            entry = best[stop]
            # the last part must end exactly at `stop`; a trailing link would leave a stub
            if entry is None or not entry[3] or not word[:stop].endswith(entry[3][-1]):
                continue
            if chosen is None or entry[:3] < chosen[:3]:
                chosen = entry
        if chosen is None:
            return None
        return (-chosen[2], chosen[3])
