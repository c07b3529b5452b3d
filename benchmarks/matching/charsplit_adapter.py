"""The PyPI CharSplit splitter (package compound-split) behind the engine's splitter interface,
only to compare it with the engine's own splitter in the harness; not a project dependency."""

from innonet.matching.engine.compounds import MIN_WORD, CompoundSplitter
from innonet.matching.engine.text import fold_word

MAX_DEPTH = 3


class CharSplitAdapter(CompoundSplitter):
    """Splits with CharSplit's n-gram model: head and rest, the rest split again."""

    def __init__(self) -> None:
        super().__init__()
        from compound_split import char_split  # 185 MB model, loaded on first use

        self._split_compound = char_split.split_compound

    def split(self, word: str) -> tuple[str, ...]:
        if len(word) < MIN_WORD or not word.isalpha():
            return ()
        parts = self._parts(word, MAX_DEPTH)
        return tuple(fold_word(p) for p in parts) if len(parts) > 1 else ()

    def _parts(self, word: str, depth: int) -> list[str]:
        if depth == 0 or len(word) < MIN_WORD:
            return [word]
        score, first, second = self._split_compound(word.capitalize())[0]
        if score <= 0 or first.lower() == word.lower():
            return [word]
        return [*self._parts(first, depth - 1), second]
