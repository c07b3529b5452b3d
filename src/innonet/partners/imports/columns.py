"""The columns an import understands, and the mapping of a file's headers onto them.

Headers are guessed from the usual German and English spellings; the user can change the
mapping. A mapping is a dict from the column's position (as text) to a target name.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innonet.core.search import fold

ORGANISATIONS = "organisations"
PEOPLE = "people"


@dataclass(frozen=True)
class Target:
    """A field a column can fill; `aliases` are folded header spellings that mean it."""

    name: str
    label: str | Promise
    aliases: tuple[str, ...]
    required: bool = False


def _aliases(words: str) -> tuple[str, ...]:
    return tuple(words.split())


ORGANISATION_NAMES = _aliases(
    "name organisation organisationname firma firmenname unternehmen einrichtung institution "
    "company organization"
)
REGISTER_NAMES = _aliases(
    "handelsregister handelsregisternummer registernummer register registerid hrb "
    "commercialregister registrationnumber"
)
VAT_NAMES = _aliases(
    "ustid ustidnr umsatzsteuerid umsatzsteueridentifikationsnummer vatid vat vatnumber"
)
EMAIL_NAMES = _aliases("email mail emailadresse mailadresse emailaddress")
PHONE_NAMES = _aliases("telefon telefonnummer tel phone")

ORGANISATION_TARGETS = (
    Target("name", gettext_lazy("name"), ORGANISATION_NAMES, required=True),
    Target("legal_form", gettext_lazy("legal form"), _aliases("rechtsform legalform")),
    Target(
        "kind",
        gettext_lazy("kind"),
        _aliases("art typ kind type organisationsart kategorie category"),
        required=True,
    ),
    Target(
        "employees",
        gettext_lazy("employees"),
        _aliases("mitarbeiter mitarbeitende beschaeftigte anzahlmitarbeiter employees staff"),
    ),
    Target(
        "annual_turnover",
        gettext_lazy("annual turnover (EUR)"),
        _aliases("umsatz jahresumsatz turnover annualturnover"),
    ),
    Target(
        "balance_sheet_total",
        gettext_lazy("balance-sheet total (EUR)"),
        _aliases("bilanzsumme balancesheet balancesheettotal"),
    ),
    Target("register_id", gettext_lazy("commercial register entry"), REGISTER_NAMES),
    Target("vat_id", gettext_lazy("VAT id"), VAT_NAMES),
    Target(
        "street",
        gettext_lazy("street"),
        _aliases("strasse street adresse address anschrift strasseundhausnummer"),
    ),
    Target(
        "postcode",
        gettext_lazy("postcode"),
        _aliases("plz postleitzahl postcode zip zipcode postalcode"),
    ),
    Target("city", gettext_lazy("city"), _aliases("ort stadt city town sitz")),
    Target("district", gettext_lazy("district"), _aliases("landkreis kreis district county")),
    Target("country", gettext_lazy("country"), _aliases("land country staat")),
    Target(
        "website",
        gettext_lazy("website"),
        _aliases("website webseite homepage internetseite internet url web"),
    ),
    Target("email", gettext_lazy("general e-mail"), EMAIL_NAMES),
    Target("phone", gettext_lazy("phone"), PHONE_NAMES),
    Target(
        "description",
        gettext_lazy("description"),
        _aliases("beschreibung description profil profile"),
    ),
    Target(
        "keywords",
        gettext_lazy("further keywords"),
        _aliases("schlagworte schlagwoerter stichworte keywords tags"),
    ),
)

PEOPLE_TARGETS = (
    Target("title", gettext_lazy("title"), _aliases("titel title akademischergrad")),
    Target("first_name", gettext_lazy("first name"), _aliases("vorname firstname givenname")),
    Target(
        "last_name",
        gettext_lazy("last name"),
        _aliases("nachname familienname name lastname surname"),
        required=True,
    ),
    Target("email", gettext_lazy("e-mail address"), EMAIL_NAMES),
    Target("phone", gettext_lazy("phone"), (*PHONE_NAMES, "mobil", "mobile")),
    Target("language", gettext_lazy("language"), _aliases("sprache language")),
    Target("organisation", gettext_lazy("organisation"), ORGANISATION_NAMES[1:]),
    Target(
        "organisation_register_id",
        gettext_lazy("organisation's register entry"),
        REGISTER_NAMES,
    ),
    Target("organisation_vat_id", gettext_lazy("organisation's VAT id"), VAT_NAMES),
    Target(
        "position",
        gettext_lazy("position"),
        _aliases("position funktion rolle role jobtitle job stelle"),
    ),
    Target(
        "is_main_contact",
        gettext_lazy("main contact"),
        _aliases("hauptansprechpartner hauptkontakt maincontact ansprechpartner"),
    ),
)


# Fields that identify a record: one value for all rows would make every row the same record.
NO_DEFAULT = frozenset(
    {"name", "register_id", "vat_id", "website", "first_name", "last_name", "email"}
)


def targets_for(kind: str) -> tuple[Target, ...]:
    return ORGANISATION_TARGETS if kind == ORGANISATIONS else PEOPLE_TARGETS


def header_key(header: str) -> str:
    """A header folded to letters and digits: "E-Mail-Adresse" -> "emailadresse"."""
    return re.sub(r"[^a-z0-9]", "", fold(header))


def guess_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """Each target goes to the first header spelled like one of its aliases."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        for target in targets_for(kind):
            if target.name not in taken and key in target.aliases:
                mapping[str(index)] = target.name
                taken.add(target.name)
                break
    return mapping


def mapping_problems(
    kind: str,
    mapping: Mapping[str, str],
    headers: list[str],
    defaults: Mapping[str, str] | None = None,
) -> list[str]:
    """What is wrong with a mapping as a whole: required fields with neither a column nor a
    value for all rows, a field twice."""
    known = {target.name: target for target in targets_for(kind)}
    problems = []
    chosen = [name for name in mapping.values() if name]
    for name in sorted({name for name in chosen if chosen.count(name) > 1}):
        problems.append(
            _("The field “%(field)s” is assigned to more than one column.")
            % {"field": known[name].label if name in known else name}
        )
    for target in targets_for(kind):
        if target.required and target.name not in chosen and not (defaults or {}).get(target.name):
            problems.append(
                _(
                    "Required column missing: no column is assigned to “%(field)s”, and no "
                    "value for all rows is given."
                )
                % {"field": target.label}
            )
    for index in mapping:
        if not index.isdigit() or int(index) >= len(headers):
            problems.append(_("The column mapping names a column the file does not have."))
            break
    return problems


def ignored_columns(mapping: Mapping[str, str], headers: list[str]) -> list[str]:
    """Headers of the columns that no field takes."""
    return [
        header or f"#{index + 1}"
        for index, header in enumerate(headers)
        if not mapping.get(str(index))
    ]


def remembered_mapping(
    kind: str, headers: list[str], earlier: list[tuple[list[str], dict[str, str], dict[str, str]]]
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The mapping and defaults of the newest earlier import (`earlier`: headers, mapping,
    defaults, newest first) with the same headers; else the newest one's choices carried
    over to the columns spelled alike. None if nothing earlier fits."""
    if not earlier:
        return None
    for old_headers, mapping, defaults in earlier:
        if old_headers == headers:
            return dict(mapping), dict(defaults)
    old_headers, mapping, defaults = earlier[0]
    by_header = {
        header_key(old_headers[int(index)]): target
        for index, target in mapping.items()
        if index.isdigit() and int(index) < len(old_headers) and old_headers[int(index)]
    }
    carried = {
        str(index): by_header[header_key(header)]
        for index, header in enumerate(headers)
        if header and header_key(header) in by_header
    }
    if not carried:
        return None
    mapped = set(carried.values())
    known = {target.name for target in targets_for(kind)}
    kept = {name: value for name, value in defaults.items() if name in known - mapped}
    return carried, kept
