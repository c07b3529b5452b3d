"""One profile of the EEN partnering format <-> the fields of a `CooperationProfile`.

`check` turns the plain dict a file gives for one profile into the keyword arguments of
`profile_create`, and lists what is wrong (errors: the import is refused), what was read with
a note (e.g. an EEN status that has no exact value here), what is only information (the
sender's reference and organisation data: the importing organisation's own data counts), and
every field the format does not know: nothing a file holds is dropped without being named.
`profile_record` is the way back, for the export.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

from ..models import CooperationProfile, ProfileKind
from . import vocabulary as words

__all__ = ["Record", "check", "profile_record"]

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_LIST_ITEMS = 50
MAX_TERM_CHARS = 120


@dataclass
class Record:
    """What one profile of a file would become, and what stands in its way."""

    number: int
    title: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    competence_names: list[str] = field(default_factory=list)
    ris3_names: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    information: list[tuple[str, str]] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        kind = self.fields.get("kind")
        return str(ProfileKind(kind).label) if kind else ""

    def error(self, name: str, message: str) -> None:
        self.errors.append(_("%(field)s: %(message)s") % {"field": name, "message": message})


def _limit(name: str) -> int:
    """The longest value the profile's field takes (one source for both directions)."""
    model_field = CooperationProfile._meta.get_field(name)
    if model_field.max_length:
        return model_field.max_length
    return next(v.limit_value for v in model_field.validators if isinstance(v, MaxLengthValidator))


def _text(record: Record, raw: dict, name: str, *, required: bool, limit: int) -> str:
    value = raw.get(name)
    if value is None or value == "":
        if required:
            record.error(name, _("this field is required."))
        return ""
    if not isinstance(value, str):
        record.error(name, _("must be text."))
        return ""
    value = value.strip()
    if required and not value:
        record.error(name, _("this field is required."))
    if len(value) > limit:
        record.error(
            name,
            _("at most %(limit)d characters are allowed (it has %(length)d).")
            % {"limit": limit, "length": len(value)},
        )
    return value


def _token(record: Record, name: str, value: Any, table: dict[str, Any]) -> Any:
    """The stored value of a token; None (with an error) when it is not one of the table's."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and value.strip().lower() in table:
        return table[value.strip().lower()]
    record.error(
        name,
        _("“%(value)s” is not one of: %(allowed)s.")
        % {"value": str(value)[:80], "allowed": ", ".join(table)},
    )
    return None


def _strings(record: Record, name: str, value: Any) -> list[str]:
    """A list of short texts (a comma-separated text is read as such a list)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        record.error(name, _("must be a list of texts."))
        return []
    if len(value) > MAX_LIST_ITEMS:
        record.error(name, _("at most %(count)d entries are allowed.") % {"count": MAX_LIST_ITEMS})
        return []
    items = [item.strip() for item in value if item.strip()]
    if any(len(item) > MAX_TERM_CHARS for item in items):
        record.error(
            name, _("an entry has more than %(limit)d characters.") % {"limit": MAX_TERM_CHARS}
        )
        return []
    return list(dict.fromkeys(items))


def _nested(record: Record, raw: dict, name: str, known: tuple[str, ...]) -> dict[str, Any]:
    value = raw.get(name)
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        message = _("must be a group of the fields %(fields)s.") % {"fields": ", ".join(known)}
        record.error(name, message)
        return {}
    record.unknown += [f"{name}.{key}" for key in value if key not in known]
    return value


def _kind(record: Record, raw: dict) -> None:
    value = raw.get("type")
    if value is None or value == "":
        record.error("type", _("this field is required."))
        return
    text = value.strip() if isinstance(value, str) else ""
    code = text.upper() if text.upper() in words.KINDS else words.KIND_NAMES.get(text.lower())
    if code is None:
        record.error(
            "type",
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": str(value)[:80], "allowed": ", ".join(words.KINDS)},
        )
        return
    record.fields["kind"] = words.KINDS[code]


def _ipr(record: Record, raw: dict) -> None:
    value = raw.get("ipr_status")
    token = value.strip().lower() if isinstance(value, str) else value
    if token in words.IPR_AS_OTHER:
        record.fields["ip_status"] = words.IPR["other"]
        record.notes.append(
            _("ipr_status: “%(value)s” is recorded as “other protection”.") % {"value": token}
        )
        return
    stored = _token(record, "ipr_status", value, words.IPR)
    if stored is not None:
        record.fields["ip_status"] = stored


def _partner(record: Record, raw: dict) -> None:
    partner = _nested(record, raw, "partner_sought", words.PARTNER_FIELDS)
    stored = _token(record, "partner_sought.type", partner.get("type"), words.PARTNER_TYPES)
    if stored is not None:
        record.fields["partner_sought"] = stored
    record.fields["partner_role"] = _text(
        record, partner, "role", required=False, limit=_limit("partner_role")
    )


def _cooperation(record: Record, raw: dict) -> None:
    chosen = []
    for item in _strings(record, "cooperation_types", raw.get("cooperation_types")):
        token = item.lower()
        token = words.COOPERATION_ALIASES.get(token, token)
        stored = _token(record, "cooperation_types", token, words.COOPERATION_TYPES)
        if stored:
            chosen.append(str(stored))
    record.fields["cooperation_types"] = list(dict.fromkeys(chosen))


def _deadline(record: Record, raw: dict) -> None:
    value = raw.get("deadline")
    if value is None or value == "":
        record.notes.append(_("deadline: none given; the profile runs for a year from today."))
        return
    parsed = None
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if parsed is None:
        record.error(
            "deadline",
            _("“%(value)s” is not a date of the form YYYY-MM-DD.") % {"value": str(value)[:40]},
        )
        return
    record.fields["valid_until"] = parsed


def _information(record: Record, raw: dict) -> None:
    reference = raw.get("reference")
    if isinstance(reference, str | int) and str(reference).strip():
        record.information.append(("reference", str(reference).strip()[:200]))
    for key, value in _nested(record, raw, "client", words.CLIENT_FIELDS).items():
        if key in words.CLIENT_FIELDS and isinstance(value, str) and value.strip():
            record.information.append((f"client.{key}", value.strip()[:200]))


def check(raw: dict[str, Any], number: int) -> Record:
    """Read one profile of a file (`number` counts from 1)."""
    record = Record(number)
    record.unknown = [str(key) for key in raw if key not in words.PROFILE_FIELDS]
    _kind(record, raw)
    for name in words.TEXT_FIELDS:
        required = name in ("title", "summary")
        record.fields[name] = _text(record, raw, name, required=required, limit=_limit(name))
    record.title = record.fields["title"]
    stage = _token(record, "stage_of_development", raw.get("stage_of_development"), words.STAGES)
    if stage is not None:
        record.fields["development_stage"] = stage
    _ipr(record, raw)
    _partner(record, raw)
    _cooperation(record, raw)
    _deadline(record, raw)
    keywords = ", ".join(_strings(record, "keywords", raw.get("keywords")))
    if len(keywords) > _limit("keywords"):
        record.error(
            "keywords",
            _("at most %(limit)d characters are allowed (it has %(length)d).")
            % {"limit": _limit("keywords"), "length": len(keywords)},
        )
    record.fields["keywords"] = keywords
    record.competence_names = _strings(record, "competences", raw.get("competences"))
    record.ris3_names = _strings(record, "ris3_fields", raw.get("ris3_fields"))
    _information(record, raw)
    return record


def _client(profile: CooperationProfile) -> dict[str, str]:
    organisation = profile.organisation
    client = {
        "country": organisation.country.code if organisation.country_id else "",
        "organisation_type": organisation.kind,
        "size": "",
    }
    if organisation.kind in organisation.COMPANY_KINDS and organisation.sme_class != "unknown":
        client["size"] = organisation.sme_class
    return client


def profile_record(
    profile: CooperationProfile, *, competences: list[str], ris3_fields: list[str]
) -> dict[str, Any]:
    """One profile in the format, every field present (empty ones as "" or null)."""
    return {
        "reference": f"innonet:profile:{profile.pk}",
        "type": words.reverse(words.KINDS)[profile.kind],
        "title": profile.title,
        "summary": profile.summary,
        "description": profile.description,
        "advantages": profile.advantages,
        "stage_of_development": words.reverse(words.STAGES).get(profile.development_stage),
        "ipr_status": words.reverse(words.IPR).get(profile.ip_status),
        "partner_sought": {
            "type": words.reverse(words.PARTNER_TYPES).get(profile.partner_sought, "any"),
            "role": profile.partner_role,
        },
        "cooperation_types": [
            words.reverse(words.COOPERATION_TYPES)[value]
            for value in profile.cooperation_types
            if value in words.reverse(words.COOPERATION_TYPES)
        ],
        "deadline": profile.valid_until.isoformat(),
        "keywords": [word.strip() for word in profile.keywords.split(",") if word.strip()],
        "competences": competences,
        "ris3_fields": ris3_fields,
        "client": _client(profile),
    }
