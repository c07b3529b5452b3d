"""German sort order for names on SQLite and PostgreSQL.

`german_order("name")` is an ordering expression: the column compared by German rules
(DIN 5007-1: "ä" sorts as "a", "ß" as "ss", case does not decide), so "Bäckerei" comes before
"Bildungszentrum". PostgreSQL uses the ICU collation `de_german` (created by migration
core 0004); SQLite uses a collation of the same name that `register_sqlite_collation` adds
to every new connection. Ties (same letters, different accents or case) are broken the same
way on both, so the order is total and stable.
"""

import functools
import unicodedata
from typing import Any

from django.db.models import Expression, F
from django.db.models.functions import Collate

__all__ = [
    "COLLATION",
    "GermanCollate",
    "german_compare",
    "german_index_term",
    "german_key",
    "german_order",
    "german_text",
    "register_sqlite_collation",
]

COLLATION = "de_german"


# SQLite calls the collation for every comparison of a sort, so the same names come back
# again and again (250 countries: 4,000 keys per sorted list).
@functools.lru_cache(maxsize=16384)
def german_key(text: str) -> tuple[str, str, str]:
    """Sort key by DIN 5007-1, in ICU's levels (the `de` collation on PostgreSQL): letters
    with accents dropped (ä→a, é→e), ß→ss, case folded; then accents and ß ("apfel" before
    "äpfel", "strasse" before "straße"); then case, lower before upper ("apfel" before
    "Apfel"). Equal keys mean equal text."""
    base = "".join(
        char
        for char in unicodedata.normalize("NFD", text.casefold())
        if not unicodedata.combining(char)
    )
    return base, text.lower(), text.swapcase()


def german_compare(left: str, right: str) -> int:
    """The SQLite collation function: negative, zero or positive like `strcmp`."""
    a, b = german_key(left), german_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: teach each new SQLite connection the German order."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, german_compare)


class GermanCollate(Collate):
    """`Collate` with the German collation of this project, whatever the database."""

    def __init__(self, expression: Any):
        super().__init__(expression, COLLATION)


def german_text(field: str) -> GermanCollate:
    """The text column `field` (may span relations) compared in German; `.asc()`/`.desc()`
    of it orders a queryset."""
    return GermanCollate(F(field))


def german_index_term(field: str) -> Collate:
    """An index term for the text column `field` in German order: an index on it serves
    `order_by(german_order(field))` without sorting. A plain `Collate`, so migrations do not
    depend on this module's classes."""
    return Collate(F(field), COLLATION)


def german_order(field: str, *, descending: bool = False, nulls_last: bool = False) -> Expression:
    """An `order_by()` term sorting the text column `field` (may span relations) in German;
    a leading "-" on `field` also sorts descending."""
    if field.startswith("-"):
        field, descending = field[1:], True
    collated = german_text(field)
    if descending:
        return collated.desc(nulls_last=nulls_last or None)
    return collated.asc(nulls_last=nulls_last or None)
