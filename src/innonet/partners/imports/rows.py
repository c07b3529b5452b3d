"""Turning one row of cells into clean field values, with an error per bad cell.

The checks are the model's own (lengths, e-mail and URL validators, the VAT id rule), worded
for a person fixing a spreadsheet: every message names what is wrong and what would be right.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.translation import gettext as _

from innonet.core.addresses import normalise_vat_id
from innonet.core.models import Country, District
from innonet.core.postcodes import district_key_for_postcode
from innonet.core.search import fold

from ..models import Affiliation, Organisation, Person
from .columns import NO_DEFAULT, ORGANISATIONS, targets_for

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
KIND_ALIASES = {
    "kmu": "sme", "mittelstand": "sme", "grossunternehmen": "large", "konzern": "large",
    "startup": "startup", "start up": "startup", "hochschule": "university",
    "universitaet": "university", "fachhochschule": "university",
    "forschungseinrichtung": "research", "forschungsinstitut": "research",
    "institut": "research", "bildungstraeger": "education", "bildungseinrichtung": "education",
    "behoerde": "public", "kommune": "public", "verwaltung": "public", "verband": "association",
    "verein": "association", "netzwerk": "association", "sonstige": "other",
    "sonstiges": "other",
}  # fmt: skip
LANGUAGES = {"de": "de", "deutsch": "de", "german": "de", "en": "en", "englisch": "en",
             "english": "en"}  # fmt: skip
YES = {"1", "ja", "j", "x", "yes", "y", "true", "wahr"}
NO = {"", "0", "nein", "n", "no", "false", "falsch"}
MONEY_FIELDS = ("annual_turnover", "balance_sheet_total")
MAX_MONEY = Decimal("999999999999.99")


@dataclass
class Issue:
    """One finding in the file: row 1 is the header; `blocking` issues stop the commit."""

    row: int
    column: str
    message: str
    blocking: bool = True


class CellError(Exception):
    pass


def _model_field(kind: str, name: str):
    if kind == ORGANISATIONS:
        return Organisation._meta.get_field(name)
    if name in ("position", "is_main_contact"):
        return Affiliation._meta.get_field(name)
    if name == "organisation":
        return Organisation._meta.get_field("name")
    if name.startswith("organisation_"):
        return Organisation._meta.get_field(name.removeprefix("organisation_"))
    return Person._meta.get_field(name)


def parse_number(text: str) -> Decimal:
    """German or English notation: "1.234.567,89", "1234567.89", "1.500" (thousands)."""
    value = text.replace(" ", "").replace("\u00a0", "").replace("€", "").replace("EUR", "")
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        value = value.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in value:
        value = value.replace(",", "") if value.count(",") > 1 else value.replace(",", ".")
    elif value.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", value):
        value = value.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        raise CellError(_("“%(value)s” is not a number.") % {"value": text[:40]})
    return Decimal(value)


class RowCleaner:
    """Cleans the mapped cells of one row for organisations or people; fields without a
    column take the value given for all rows (`defaults`), and an organisation's district
    and country follow from its postcode where the postcode table places it."""

    def __init__(
        self,
        kind: str,
        headers: list[str],
        mapping: Mapping[str, str],
        defaults: Mapping[str, str] | None = None,
    ) -> None:
        self.kind = kind
        self.columns = [
            (int(index), target, headers[int(index)] or f"#{int(index) + 1}")
            for index, target in sorted(mapping.items(), key=lambda item: int(item[0]))
            if target
        ]
        self.kinds = self._kind_lookup()
        self.districts = self._lookup(District.objects.values_list("pk", "name", "slug"))
        self.countries = self._lookup(Country.objects.values_list("pk", "code", "name", "name_en"))
        self.district_keys = dict(
            District.objects.exclude(official_key="").values_list("official_key", "pk")
        )
        self.germany = self.countries.get("de")
        self.country_codes = dict(Country.objects.values_list("pk", "code"))
        mapped = {target for _index, target, _header in self.columns}
        self.defaults, errors = self.clean_defaults(
            {name: value for name, value in (defaults or {}).items() if name not in mapped}
        )
        if errors:  # the form and the service check defaults first; this is a last guard
            raise CellError(next(iter(errors.values())))

    def clean_defaults(self, defaults: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        """The values for all rows, cleaned like cells, and a message per bad one."""
        known = {target.name for target in targets_for(self.kind)} - NO_DEFAULT
        cleaned: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, raw in defaults.items():
            if name in NO_DEFAULT:
                errors[name] = _(
                    "“%(field)s” identifies a record and takes no value for all rows."
                ) % {"field": name[:40]}
                continue
            if name not in known:
                errors[name] = _("“%(field)s” is not a field of this import.") % {
                    "field": name[:40]
                }
                continue
            try:
                value = self._cell(name, str(raw))
            except CellError as error:
                errors[name] = str(error)
                continue
            if value not in ("", None):
                cleaned[name] = value
        return cleaned, errors

    @staticmethod
    def _lookup(rows) -> dict[str, int]:
        table: dict[str, int] = {}
        for pk, *names in rows:
            for name in names:
                table.setdefault(fold(name).strip(), pk)
        return table

    @staticmethod
    def _kind_lookup() -> dict[str, str]:
        table = dict(KIND_ALIASES)
        for value, label in Organisation.Kind.choices:
            table[value] = value
            for language in ("de", "en"):
                with translation.override(language):
                    table[fold(str(label))] = value
        return table

    def clean(self, number: int, cells: list[str]) -> tuple[dict[str, Any], list[Issue]]:
        """Field values of the row and the issues found in its cells."""
        data: dict[str, Any] = {}
        issues: list[Issue] = []
        for index, target, header in self.columns:
            raw = cells[index] if index < len(cells) else ""
            try:
                value = self._cell(target, raw)
            except CellError as error:
                issues.append(Issue(number, header, str(error)))
                continue
            if value not in ("", None):
                data[target] = value
        for target, value in self.defaults.items():
            data.setdefault(target, value)
        required = ("name", "kind") if self.kind == ORGANISATIONS else ("last_name",)
        headers = {target: header for _index, target, header in self.columns}
        for target in required:
            header = headers.get(target, "")
            if target not in data and not any(issue.column == header for issue in issues):
                issues.append(Issue(number, header, _("A value is required here.")))
        if self.kind == ORGANISATIONS and "postcode" in data and "district" not in data:
            issue = self._place(data, headers.get("postcode", ""), number)
            if issue is not None:
                issues.append(issue)
        if self.kind == ORGANISATIONS:
            issues += self._address_issues(data, headers, number)
        return data, issues

    def _address_issues(
        self, data: dict[str, Any], headers: Mapping[str, str], number: int
    ) -> list[Issue]:
        """The record's rules across cells (postcode and VAT id of the row's country, a
        district only in Germany), reported on the cell to fix."""
        values = {**data, "country": self.country_codes.get(data.get("country"), "")}
        found: list[Issue] = []
        for rule in (Organisation.validate_identity, Organisation.validate_address):
            try:
                rule(values)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    column = headers.get(field) or headers.get("country", "")
                    found += [Issue(number, column, message) for message in messages]
        return found

    def _place(self, data: dict[str, Any], header: str, number: int) -> Issue | None:
        """District and country from a German postcode; a note if the table does not know
        the postcode (the district stays empty, the row is still imported)."""
        if data.get("country") not in (None, self.germany):
            return None
        pk = self.district_keys.get(district_key_for_postcode(data["postcode"]) or "")
        if pk is None:
            return Issue(
                number,
                header,
                _(
                    "The postcode “%(postcode)s” lies in none of the registry's districts: "
                    "the district stays empty."
                )
                % {"postcode": data["postcode"][:12]},
                blocking=False,
            )
        data["district"] = pk
        if self.germany is not None:
            data.setdefault("country", self.germany)
        return None

    def _cell(self, target: str, raw: str) -> Any:
        if CONTROL.search(raw):
            raise CellError(_("The cell contains control characters such as NUL bytes."))
        text = raw.strip()
        if not text:
            return ""
        handler = getattr(self, f"_clean_{target}", None)
        if handler is not None:
            return handler(text)
        return self._text(target, text)

    def _text(self, target: str, text: str) -> str:
        field = _model_field(self.kind, target)
        limit = field.max_length or 10000
        if len(text) > limit:
            raise CellError(
                _("The text is too long: %(length)d characters, at most %(max)d are allowed.")
                % {"length": len(text), "max": limit}
            )
        return text

    def _clean_kind(self, text: str) -> str:
        value = self.kinds.get(fold(text))
        if value is None:
            choices = ", ".join(str(label) for _value, label in Organisation.Kind.choices)
            raise CellError(
                _("Unknown kind “%(value)s”. Possible kinds: %(choices)s.")
                % {"value": text[:60], "choices": choices}
            )
        return value

    def _clean_district(self, text: str) -> int:
        pk = self.districts.get(fold(text))
        if pk is None:
            raise CellError(_("Unknown district “%(value)s”.") % {"value": text[:60]})
        return pk

    def _clean_country(self, text: str) -> int:
        pk = self.countries.get(fold(text))
        if pk is None:
            raise CellError(_("Unknown country “%(value)s”.") % {"value": text[:60]})
        return pk

    def _clean_employees(self, text: str) -> int:
        number = parse_number(text)
        if number != number.to_integral_value():
            raise CellError(_("The number of employees must be a whole number."))
        if number < 0:
            raise CellError(_("The number of employees must not be negative."))
        if number > 10_000_000:
            raise CellError(_("The number of employees is implausibly large."))
        return int(number)

    def _money(self, text: str) -> Decimal:
        number = parse_number(text)
        if number < 0:
            raise CellError(_("The amount must not be negative."))
        if number > MAX_MONEY:
            raise CellError(_("The amount is too large."))
        return number.quantize(Decimal("0.01"))

    _clean_annual_turnover = _money
    _clean_balance_sheet_total = _money

    def _clean_vat_id(self, text: str) -> str:
        value = normalise_vat_id(text)
        try:
            Organisation.validate_identity({"vat_id": value})
        except ValidationError as error:
            raise CellError(error.message_dict["vat_id"][0]) from error
        return value

    _clean_organisation_vat_id = _clean_vat_id

    def _clean_website(self, text: str) -> str:
        value = text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I) else f"https://{text}"
        if len(value) > 200:
            raise CellError(_("The web address is too long (at most 200 characters)."))
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as error:
            raise CellError(
                _("“%(value)s” is not a valid web address.") % {"value": text[:80]}
            ) from error
        return value

    def _clean_email(self, text: str) -> str:
        try:
            EmailValidator()(text)
        except ValidationError as error:
            raise CellError(
                _("“%(value)s” is not a valid e-mail address.") % {"value": text[:80]}
            ) from error
        if len(text) > 254:
            raise CellError(_("The e-mail address is too long."))
        return text

    def _clean_language(self, text: str) -> str:
        value = LANGUAGES.get(fold(text))
        if value is None:
            raise CellError(_("Unknown language “%(value)s”: use de or en.") % {"value": text[:20]})
        return value

    def _clean_is_main_contact(self, text: str) -> bool:
        if fold(text) in YES:
            return True
        if fold(text) in NO:
            return False
        raise CellError(_("Write yes or no (ja/nein)."))


def defaults_problems(kind: str, defaults: Mapping[str, str]) -> dict[str, str]:
    """A message per value for all rows that no cell could hold (an unknown kind, district,
    country...), keyed by the field's name."""
    cleaner = RowCleaner(kind, [], {})
    return cleaner.clean_defaults({name: value for name, value in defaults.items() if value})[1]
