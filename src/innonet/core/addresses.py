"""Postal addresses and VAT ids by country: which countries use postcodes and in what shape,
the order of an address's lines, and the VAT id format of each EU member state.

Pure rules on plain values (ISO 3166-1 codes, strings), without the database, shared by the
models' `clean()`, the forms, the API and the import. Countries missing from both postcode
tables are taken as "postcode optional, any shape": refusing an address because this table is
incomplete would be worse than accepting a postcode unchecked.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

__all__ = [
    "NO_POSTCODE",
    "POSTCODE_PATTERNS",
    "VAT_PATTERNS",
    "AddressParts",
    "address_lines",
    "address_parts",
    "normalise_postcode",
    "normalise_vat_id",
    "postcode_problem",
    "uses_postcodes",
    "vat_country",
    "vat_id_problem",
]

# The postcode as people write it, after normalise_postcode (upper case, single spaces, a
# leading "D-", "L-", "CH-" style country prefix removed).
_PATTERNS = {
    "AT": r"\d{4}", "BE": r"\d{4}", "BG": r"\d{4}", "CH": r"\d{4}", "CY": r"\d{4}",
    "CZ": r"\d{3} ?\d{2}", "DE": r"\d{5}", "DK": r"\d{4}", "EE": r"\d{5}", "ES": r"\d{5}",
    "FI": r"\d{5}", "FR": r"\d{5}", "GR": r"\d{3} ?\d{2}", "HR": r"\d{5}", "HU": r"\d{4}",
    "IS": r"\d{3}", "IT": r"\d{5}", "LI": r"94[89]\d", "LT": r"\d{5}", "LU": r"\d{4}",
    "LV": r"\d{4}", "MT": r"[A-Z]{3} ?\d{4}", "NL": r"\d{4} ?[A-Z]{2}", "NO": r"\d{4}",
    "PL": r"\d{2}-\d{3}", "PT": r"\d{4}-\d{3}", "RO": r"\d{6}", "SE": r"\d{3} ?\d{2}",
    "SI": r"\d{4}", "SK": r"\d{3} ?\d{2}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", "US": r"\d{5}(?:-\d{4})?",
    "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d", "AU": r"\d{4}", "NZ": r"\d{4}", "JP": r"\d{3}-?\d{4}",
    "CN": r"\d{6}", "IN": r"\d{6}", "KR": r"\d{5}", "BR": r"\d{5}-?\d{3}", "TR": r"\d{5}",
    "UA": r"\d{5}", "IL": r"\d{7}", "MX": r"\d{5}", "SG": r"\d{6}", "ZA": r"\d{4}",
    "RS": r"\d{5}", "BA": r"\d{5}", "ME": r"\d{5}", "MK": r"\d{4}", "AL": r"\d{4}",
    "MD": r"\d{4}", "RU": r"\d{6}", "BY": r"\d{6}", "FO": r"\d{3}", "MC": r"980\d{2}",
    "SM": r"4789\d", "VA": r"00120", "AD": r"AD\d{3}",
    "IE": r"(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[AC-FHKNPRTV-Y\d]{4}",
}  # fmt: skip
POSTCODE_PATTERNS: dict[str, re.Pattern[str]] = {
    code: re.compile(f"(?:{pattern})") for code, pattern in _PATTERNS.items()
}
# Postcode systems people do not always use in addresses: checked when given, never required.
OPTIONAL_POSTCODE = frozenset({"IE"})
# Countries without a postcode system: a postcode is never asked for.
_NO_POSTCODE = (
    "AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK KI KM "
    "KN KP LC ML MO MR MW NR NU QA RW SB SC SL SR SS ST SY TD TF TG TK TL TO TV TZ UG VU YE ZW"
)
NO_POSTCODE = frozenset(_NO_POSTCODE.split(" "))
# Where the postcode goes: after the city on the same line, or on a line of its own.
_CITY_THEN_POSTCODE = frozenset({"US", "CA", "AU", "NZ", "IN", "BR", "MX", "ZA", "SG", "KR"})
_POSTCODE_OWN_LINE = frozenset({"GB", "IE", "LV", "UA", "RU", "BY"})
POSTCODE_EXAMPLES = {
    "AT": "1010", "BE": "1000", "CH": "8001", "CZ": "110 00", "DE": "49074", "DK": "1050",
    "ES": "28001", "FI": "00100", "FR": "75001", "GB": "SW1A 1AA", "GR": "105 57",
    "IE": "D02 X285", "IT": "00184", "LU": "1111", "MT": "VLT 1117", "NL": "1012 AB",
    "PL": "00-950", "PT": "1000-001", "SE": "114 55", "US": "10001", "CA": "K1A 0B1",
}  # fmt: skip
_COUNTRY_PREFIX = re.compile(r"^(?:[A-Z]{1,3})-\s?(?=\d)")

# The part after the two-letter prefix; Greece uses EL, Northern Ireland XI, Switzerland CHE.
_VAT = {
    "AT": r"U\d{8}", "BE": r"[01]\d{9}", "BG": r"\d{9,10}", "CY": r"\d{8}[A-Z]",
    "CZ": r"\d{8,10}", "DE": r"\d{9}", "DK": r"\d{8}", "EE": r"\d{9}", "EL": r"\d{9}",
    "ES": r"[A-Z\d]\d{7}[A-Z\d]", "FI": r"\d{8}", "FR": r"[A-HJ-NP-Z\d]{2}\d{9}",
    "HR": r"\d{11}", "HU": r"\d{8}", "IE": r"\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W]",
    "IT": r"\d{11}", "LT": r"\d{9}|\d{12}", "LU": r"\d{8}", "LV": r"\d{11}", "MT": r"\d{8}",
    "NL": r"\d{9}B\d{2}", "PL": r"\d{10}", "PT": r"\d{9}", "RO": r"[1-9]\d{1,9}",
    "SE": r"\d{10}01", "SI": r"\d{8}", "SK": r"\d{10}", "XI": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}",
    "GB": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}", "CH": r"E\d{9}", "NO": r"\d{9}(?:MVA)?",
}  # fmt: skip
VAT_PATTERNS: dict[str, re.Pattern[str]] = {
    prefix: re.compile(f"{prefix}(?:{pattern})") for prefix, pattern in _VAT.items()
}
_VAT_EXAMPLES = {
    "AT": "ATU12345678", "BE": "BE0123456789", "DE": "DE123456789", "DK": "DK12345678",
    "EL": "EL123456789", "ES": "ESX1234567X", "FR": "FRXX123456789", "IT": "IT12345678901",
    "NL": "NL123456789B01", "PL": "PL1234567890", "SE": "SE123456789001",
    "CH": "CHE123456789", "GB": "GB123456789",
}  # fmt: skip
_ANY_VAT = re.compile(r"[A-Z]{2}[A-Z0-9+*]{2,12}")
# Whose VAT ids an address in a country may carry (the prefix differs from the ISO code).
_VAT_PREFIXES_OF = {"GR": {"EL"}, "GB": {"GB", "XI"}, "CH": {"CH"}}


def normalise_postcode(text: str) -> str:
    """Upper case, single spaces, without a "D-"/"L-"/"CH-" country prefix."""
    text = " ".join((text or "").split()).upper()
    return _COUNTRY_PREFIX.sub("", text)


def uses_postcodes(country_code: str) -> bool:
    """Whether an address in the country needs a postcode (False where unknown)."""
    return country_code in POSTCODE_PATTERNS and country_code not in OPTIONAL_POSTCODE


def postcode_problem(country_code: str, postcode: str, *, address_given: bool) -> str | None:
    """What is wrong with the postcode of an address in the country, or None. A postcode is
    required only when there is an address (street or city) and the country uses postcodes."""
    postcode = normalise_postcode(postcode)
    pattern = POSTCODE_PATTERNS.get(country_code)
    if not postcode:
        if address_given and uses_postcodes(country_code):
            return _(
                "An address in this country needs a postcode. Enter it, or leave street "
                "and city empty as well."
            )
        return None
    if country_code in NO_POSTCODE:
        return _("This country has no postcodes: leave the postcode empty.")
    if pattern is None or pattern.fullmatch(postcode):
        return None
    if country_code in POSTCODE_EXAMPLES:
        return _("“%(postcode)s” is not a postcode of this country (e.g. %(example)s).") % {
            "postcode": postcode[:12],
            "example": POSTCODE_EXAMPLES[country_code],
        }
    return _("“%(postcode)s” is not a postcode of this country.") % {"postcode": postcode[:12]}


def normalise_vat_id(text: str) -> str:
    """Upper case without spaces, dots and hyphens; a Swiss UID's MWST/TVA/IVA suffix goes."""
    value = re.sub(r"[\s.\-]", "", text or "").upper()
    if value.startswith("CHE"):
        value = re.sub(r"(MWST|TVA|IVA)$", "", value)
    return value


def vat_country(vat_id: str) -> str:
    """The prefix that names the VAT id's country ("DE", "EL", "XI", "CH")."""
    return vat_id[:2]


def vat_id_problem(vat_id: str, country_code: str | None) -> str | None:
    """What is wrong with a (normalised) VAT id of an organisation in the country, or None:
    the format of the prefix's country, and a prefix that fits the organisation's country."""
    if not vat_id:
        return None
    if not _ANY_VAT.fullmatch(vat_id):
        return _("Enter a VAT id such as DE123456789.")
    prefix = vat_country(vat_id)
    if prefix == "GR":
        return _("Greek VAT ids begin with EL, not GR.")
    pattern = VAT_PATTERNS.get(prefix)
    if prefix == "DE" and not pattern.fullmatch(vat_id):
        return _("A German VAT id is DE followed by nine digits.")
    if pattern is not None and not pattern.fullmatch(vat_id):
        return _(
            "“%(vat_id)s” is not a VAT id of the form used in %(prefix)s (e.g. %(example)s)."
        ) % {
            "vat_id": vat_id[:16],
            "prefix": prefix,
            "example": _VAT_EXAMPLES.get(prefix, prefix + "…"),
        }
    if country_code and prefix not in _VAT_PREFIXES_OF.get(country_code, {country_code}):
        return _(
            "The VAT id begins with %(prefix)s, which does not fit the organisation's country "
            "(%(country)s)."
        ) % {"prefix": prefix, "country": country_code}
    return None


@dataclass(frozen=True)
class AddressParts:
    street: str = ""
    postcode: str = ""
    city: str = ""
    country_code: str = ""
    country_name: str = ""


def address_parts(record: Any) -> AddressParts:
    """The address fields of any record with street, postcode, city and country; the country
    named in the active language."""
    country = getattr(record, "country", None)
    return AddressParts(
        street=getattr(record, "street", "") or "",
        postcode=getattr(record, "postcode", "") or "",
        city=getattr(record, "city", "") or "",
        country_code=country.code if country else "",
        country_name=country.local_name if country else "",
    )


def address_lines(parts: AddressParts, *, home_country: str = "") -> list[str]:
    """The address's lines in the order of its country: "49074 Osnabrück" in Germany and most
    of Europe, "Boston 02110" in the US, the postcode on its own line in the UK. The country
    closes the address unless it is `home_country`."""
    code = parts.country_code
    lines = [parts.street]
    if code in _CITY_THEN_POSTCODE:
        lines.append(f"{parts.city} {parts.postcode}")
    elif code in _POSTCODE_OWN_LINE:
        lines += [parts.city, parts.postcode]
    else:
        lines.append(f"{parts.postcode} {parts.city}")
    if parts.country_name and code != home_country:
        lines.append(parts.country_name)
    return [" ".join(line.split()) for line in lines if line.strip()]
