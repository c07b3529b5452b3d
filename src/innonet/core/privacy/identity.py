"""Who one person is, as the apps store it, and how to find and remove them in free text.

The pattern of an identity is a regular expression that Python, SQLite (through Python) and
PostgreSQL read alike: it finds the person's e-mail addresses, phone numbers (with any spacing,
national or international) and names ("Jürgen Größmann", "Größmann, Jürgen", "Herr Dr.
Größmann", "Jürgen_Groessmann.pdf"), also in JSON text that spells umlauts as \\u escapes."""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

REDACTED = "[…]"  # stands where free text named the person
ERASED = "—"  # stands for a removed name that the record needs

_SALUTATION = r"(herrn?|frau|dr\.?|prof\.?|mr\.?|mrs\.?|ms\.?)"
_NAME_GAP = r"[\s_.,-]{1,3}"
_DIGIT_GAP = r"[-\s/().]{0,3}"
_SPELLED_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_MIN_PHONE_DIGITS = 6


def _letter(char: str) -> str:
    """One letter of a name with its other spellings: case, ae for ä, o for ö, JSON escape."""
    if char.isspace():
        return r"\s+"
    if char.isascii():
        return re.escape(char)
    lower = char.lower()
    options = {lower, char.upper(), lower.upper()}
    if lower in _SPELLED_OUT:
        options.add(_SPELLED_OUT[lower])
    stripped = unicodedata.normalize("NFKD", lower)[0]
    if stripped.isascii():
        options.add(stripped)
    options |= {f"\\u{ord(option):04x}" for option in set(options) if len(option) == 1}
    return "(" + "|".join(re.escape(option) for option in sorted(options)) + ")"


def _spelled(text: str) -> str:
    return "".join(_letter(char) for char in text.strip())


def _phone_pattern(phone: str) -> str:
    """A phone number with any separators, as +49 …, 0049 … or 0 … for German numbers."""
    digits = re.sub(r"\D", "", phone)
    international = phone.strip().startswith(("+", "00"))
    digits = digits[2:] if digits.startswith("00") else digits
    if international and digits.startswith("49"):
        national = digits[2:].lstrip("0")
    elif not international and digits.startswith("0"):
        national = digits[1:]
    else:
        return r"(\+|00)?" + _DIGIT_GAP.join(digits)
    prefix = rf"(\+{_DIGIT_GAP}49|0049|0)"
    return prefix + _DIGIT_GAP + r"(\(0\))?" + _DIGIT_GAP + _DIGIT_GAP.join(national)


@dataclass
class Identity:
    """Everything by which the apps can recognise one registry person: the Person row, former
    and current names, e-mail addresses, phone numbers, user accounts, and the records whose
    audit labels name them. Contributors add to it until nothing new turns up."""

    person_id: int
    names: set[tuple[str, str]] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    user_ids: set[int] = field(default_factory=set)
    records: dict[str, set[int]] = field(default_factory=dict)

    def add_name(self, first: str | None, last: str | None) -> None:
        first, last = " ".join((first or "").split()), " ".join((last or "").split())
        if last and last != ERASED:
            self.names.add((first, last))

    def add_email(self, email: str | None) -> None:
        email = (email or "").strip().lower()
        if "@" in email and not email.endswith("@invalid"):
            self.emails.add(email)

    def add_phone(self, phone: str | None) -> None:
        if len(re.sub(r"\D", "", phone or "")) >= _MIN_PHONE_DIGITS:
            self.phones.add(phone.strip())

    def add_records(self, model: type[models.Model], pks: Any) -> None:
        """Records that are the person's own: their audit labels are rewritten on erasure."""
        self.records.setdefault(model._meta.label_lower, set()).update(pks)

    def snapshot(self) -> tuple:
        records = tuple(sorted((label, frozenset(pks)) for label, pks in self.records.items()))
        people = (frozenset(self.names), frozenset(self.emails), frozenset(self.phones))
        return (*people, frozenset(self.user_ids), records)

    @property
    def pattern(self) -> str:
        """One regular expression for every mention; empty when nothing identifies anyone."""
        parts = [re.escape(email) for email in sorted(self.emails)]
        parts += [_phone_pattern(phone) for phone in sorted(self.phones)]
        for first, last in sorted(self.names):
            parts.append(rf"{_SALUTATION}\s+({_SALUTATION}\s+)?{_spelled(last)}")
            for given in {first, first.split(" ")[0]} - {""}:
                parts.append(_spelled(given) + _NAME_GAP + _spelled(last))
                parts.append(_spelled(last) + r",\s*" + _spelled(given))
        return "|".join(f"({part})" for part in parts)

    def mentions(self, text: str | None) -> bool:
        pattern = self.pattern
        return bool(pattern and text and re.search(pattern, text, flags=re.IGNORECASE))

    def is_only_mention(self, text: str | None) -> bool:
        """The whole value is the person's name, address or number (a contact field)."""
        pattern = self.pattern
        return bool(pattern and text and re.fullmatch(pattern, text.strip(), flags=re.IGNORECASE))

    def redact(self, text: str) -> str:
        """The text with every mention of the person replaced by a marker."""
        pattern = self.pattern
        if not pattern or not text:
            return text
        return re.sub(pattern, REDACTED, text, flags=re.IGNORECASE)

    def redact_data(self, value: Any) -> Any:
        """`redact` through the strings of JSON data (keys stay as they are)."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, list):
            return [self.redact_data(item) for item in value]
        if isinstance(value, dict):
            return {key: self.redact_data(item) for key, item in value.items()}
        return value


def mentioning(queryset: models.QuerySet, fields: list[str], identity: Identity):
    """The rows of `queryset` whose `fields` (text or JSON) mention the person."""
    pattern = identity.pattern
    if not pattern or not fields:
        return queryset.none()
    condition, aliases = Q(), {}
    for name in fields:
        if isinstance(queryset.model._meta.get_field(name), models.JSONField):
            aliases[f"{name}_as_text"] = Cast(name, models.TextField())
            name = f"{name}_as_text"
        condition |= Q(**{f"{name}__iregex": pattern})
    return queryset.alias(**aliases).filter(condition)


def overwrite(model: type[models.Model], pks: Any, **values: Any) -> int:
    """Write `values` into rows without `save()`: also into append-only logs (audit entries,
    consents), whose only permitted change is the removal of an erased person's identity."""
    pks = list(pks)
    if not pks or not values:
        return 0
    return models.QuerySet.update(model._base_manager.filter(pk__in=pks), **values)


def _redacted(field: models.Field, value: Any, identity: Identity) -> Any:
    """A field's value without the person: a contact field that holds nothing else (an
    organisation's general e-mail that is the person's) is emptied, free text loses mentions."""
    whole = isinstance(value, str) and identity.is_only_mention(value)
    if whole or (isinstance(field, models.EmailField) and identity.mentions(value)):
        return "" if field.blank else REDACTED
    return identity.redact_data(value)


def redact_rows(
    queryset: models.QuerySet, fields: list[str], identity: Identity, *, save: bool = False
) -> int:
    """Remove the person's mentions from `fields` of every row that has one; returns the rows
    changed. With `save`, rows are saved (search text, history and index follow, `version` goes
    up); otherwise they are overwritten in place."""
    changed = 0
    model_fields = {name: queryset.model._meta.get_field(name) for name in fields}
    for row in mentioning(queryset, fields, identity):
        values = {
            name: _redacted(field, getattr(row, name), identity)
            for name, field in model_fields.items()
        }
        values = {name: value for name, value in values.items() if value != getattr(row, name)}
        if not values:
            continue
        versioned = any(field.name == "version" for field in row._meta.concrete_fields)
        if save:
            for name, value in values.items():
                setattr(row, name, value)
            if versioned:
                row.version += 1
            row.save()
        else:
            bump = {"version": models.F("version") + 1} if versioned else {}
            overwrite(type(row), [row.pk], **values, **bump)
        changed += 1
    return changed
