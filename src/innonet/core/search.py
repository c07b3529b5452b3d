"""German-aware search folding shared by every list's search box.

SQLite compares case-insensitively only for ASCII, and users type "Muller", "Mueller" or
"Müller" for the same name. Records therefore keep a folded copy of their searchable text, and
queries are folded the same way, so a plain `icontains` works alike on SQLite and PostgreSQL.
"""

import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Lower case, umlauts spelled out (ü -> ue, ß -> ss), other accents removed."""
    return _strip_accents((text or "").casefold().translate(_UMLAUTS))


def searchable(*parts: str | None) -> str:
    """The text stored for searching: folded, plus the accent-stripped spelling of words with
    umlauts, so "Muller" and "Mueller" both find "Müller"."""
    text = " ".join(part for part in parts if part)
    expanded = fold(text)
    stripped = _strip_accents(text.casefold().replace("ß", "ss"))
    return expanded if stripped == expanded else f"{expanded} {stripped}"


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """The folded words of a query; every one of them must occur. Control characters (a NUL
    from a crafted URL) separate words: no database takes them in a search."""
    visible = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in query[:200]
    )
    return [word for word in fold(visible).split() if word][:limit]
