"""Likely duplicates of organisations and people, for the create form, the import and merge.

Organisations match on the commercial register entry, the VAT id, the website's domain, or a
similar name: folded (umlauts, case), legal forms such as GmbH or e.V. stripped, then equal in
at least 85 % by difflib's ratio or one contained in the other. People match on the e-mail
address, or on the same folded first and last name at the same organisation.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from innonet.core.search import fold

from .models import Affiliation, Organisation, Person

SIMILARITY = 0.85
MIN_CONTAINED = 5  # shorter names are too common to count as "contained in"
LEGAL_FORMS = frozenset(
    {
        "gmbh", "ggmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "haftungsbeschraenkt",
        "ev", "eg", "ek", "ekfr", "ekfm", "se", "co", "cokg", "ltd", "inc", "llc", "plc",
        "partg", "partgmbb", "gesellschaft", "mit", "beschraenkter", "haftung",
    }
)  # fmt: skip


def normalise_name(name: str) -> str:
    """Folded name without punctuation and legal forms: "Müller & Co. KG" -> "mueller"."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name).replace("&", " ")).split()
    merged: list[str] = []
    for word in words:  # "e. V." and "e. K." arrive as single letters
        if len(word) == 1 and merged and len(merged[-1]) == 1 and merged[-1].isalpha():
            merged[-1] += word
        else:
            merged.append(word)
    return " ".join(word for word in merged if word not in LEGAL_FORMS)


def exact_name(name: str) -> str:
    """The name as compared for "the same": folded, spaces collapsed."""
    return " ".join(fold(name).split())


def normalise_domain(website: str) -> str:
    """The host of a website without "www." and port; "" if there is none."""
    text = (website or "").strip()
    if not text:
        return ""
    if "//" not in text:
        text = f"//{text}"
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.").rstrip(".")


def normalise_register(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(value or ""))


def normalise_vat(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def names_similar(first: str, second: str) -> bool:
    """Normalised names alike by ratio, or one containing the other."""
    if not first or not second:
        return False
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= MIN_CONTAINED and shorter in longer:
        return True
    matcher = SequenceMatcher(None, first, second)
    return matcher.real_quick_ratio() >= SIMILARITY and matcher.ratio() >= SIMILARITY


class OrganisationIndex:
    """The identifying keys of organisations in memory, so many rows can be checked fast.

    Names are compared only with names that share a word (or all, for names without one of
    at least three letters), which keeps a check of thousands of rows quick."""

    def __init__(self, rows: Iterable[tuple[int, str, str, str, str]] = ()) -> None:
        self.register: dict[str, int] = {}
        self.vat: dict[str, int] = {}
        self.domain: dict[str, int] = {}
        self.exact: dict[str, int] = {}
        self.names: dict[int, str] = {}
        self.labels: dict[int, str] = {}
        self.by_word: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            self.add(*row)

    @classmethod
    def load(cls, queryset=None) -> "OrganisationIndex":
        queryset = Organisation.objects.all() if queryset is None else queryset
        fields = ("pk", "name", "register_id", "vat_id", "website")
        return cls(queryset.order_by("pk").values_list(*fields).iterator(chunk_size=2000))

    def add(self, pk: int, name: str, register_id: str, vat_id: str, website: str) -> None:
        for table, key in (
            (self.register, normalise_register(register_id)),
            (self.vat, normalise_vat(vat_id)),
            (self.domain, normalise_domain(website)),
            (self.exact, exact_name(name)),
        ):
            if key:
                table.setdefault(key, pk)
        normalised = normalise_name(name)
        self.names[pk] = normalised
        self.labels[pk] = name
        for word in self._words(normalised):
            self.by_word[word].add(pk)

    @staticmethod
    def _words(normalised: str) -> set[str]:
        return {word for word in normalised.split() if len(word) >= 3}

    def exact_match(self, data: Mapping[str, Any]) -> tuple[int, str] | None:
        """The record this data names for sure (same register, VAT id, domain or name)."""
        for table, key, reason in self._keys(data):
            if key and key in table:
                return table[key], reason
        return None

    def _keys(self, data: Mapping[str, Any]):
        return (
            (self.register, normalise_register(data.get("register_id") or ""), "register_id"),
            (self.vat, normalise_vat(data.get("vat_id") or ""), "vat_id"),
            (self.domain, normalise_domain(data.get("website") or ""), "website"),
            (self.exact, exact_name(data.get("name") or ""), "name"),
        )

    def matches(
        self, data: Mapping[str, Any], exclude_pk: int | None = None
    ) -> list[tuple[int, str]]:
        """(pk, reason code) of every likely duplicate, strongest reason first."""
        found: dict[int, str] = {}
        for table, key, reason in self._keys(data):
            if reason != "name" and key and key in table:
                found.setdefault(table[key], reason)
        normalised = normalise_name(data.get("name") or "")
        words = self._words(normalised)
        candidates = set().union(*(self.by_word.get(word, set()) for word in words))
        if not words:
            candidates = set(self.names)
        for pk in sorted(candidates):
            if pk not in found and names_similar(normalised, self.names[pk]):
                found[pk] = "name"
        found.pop(exclude_pk, None)
        return list(found.items())


def reason_text(code: str) -> str:
    """The translated reason for a match code."""
    texts = {
        "register_id": _("same commercial register entry"),
        "vat_id": _("same VAT id"),
        "website": _("same website domain"),
        "name": _("similar name"),
        "email": _("same e-mail address"),
        "person_name": _("same name at the same organisation"),
    }
    return texts.get(code, code)


def organisation_duplicates(
    data: Mapping[str, Any], exclude_pk: int | None = None
) -> list[tuple[Organisation, str]]:
    """Existing organisations that the data probably describes, with the reason, for the
    create form and the import's dry run ("possible duplicate of ...")."""
    index = OrganisationIndex.load()
    found = index.matches(data, exclude_pk=exclude_pk)
    organisations = Organisation.objects.in_bulk([pk for pk, _reason in found])
    return [(organisations[pk], reason_text(code)) for pk, code in found if pk in organisations]


def person_name_key(first_name: str, last_name: str) -> str:
    return exact_name(f"{first_name or ''} {last_name or ''}")


def person_duplicates(
    data: Mapping[str, Any],
    *,
    organisation: Organisation | None = None,
    exclude_pk: int | None = None,
) -> list[tuple[Person, str]]:
    """People the data probably describes: the same e-mail address, or the same name at the
    same organisation. Erased people are never offered."""
    found: dict[int, str] = {}
    email = (data.get("email") or "").strip()
    people = Person.objects.present()
    if email:
        for pk in people.filter(email__iexact=email).values_list("pk", flat=True):
            found.setdefault(pk, "email")
    if organisation is not None:
        key = person_name_key(data.get("first_name", ""), data.get("last_name", ""))
        colleagues = Affiliation.objects.filter(organisation=organisation).values_list(
            "person_id", "person__first_name", "person__last_name", "person__erased_at"
        )
        for pk, first, last, erased in colleagues:
            if erased is None and person_name_key(first, last) == key:
                found.setdefault(pk, "person_name")
    found.pop(exclude_pk, None)
    persons = Person.objects.in_bulk(list(found))
    return [(persons[pk], reason_text(code)) for pk, code in found.items() if pk in persons]
