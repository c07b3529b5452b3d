"""The shape of a personal-data export: titled sections of plain rows, the same collection
written as JSON (Art. 20) and rendered as a readable document (Art. 15)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def plain(value: Any) -> Any:
    """A value as JSON holds it: times in local time as ISO text, records by their name."""
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Decimal | Promise | models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def row(record: models.Model, **values: Any) -> dict[str, Any]:
    """One exported row: its record reference (`app.model:pk`) and plain values."""
    reference = f"{record._meta.label_lower}:{record.pk}"
    return {"record": reference, **{key: plain(value) for key, value in values.items()}}


def field_labels(model: type[models.Model], *names: str) -> dict[str, str]:
    """Readable headings for exported keys that are fields of `model` (their verbose names)."""
    return {name: capfirst(str(model._meta.get_field(name).verbose_name)) for name in names}


@dataclass
class Section:
    """One titled part of a person's export: plain rows (for JSON) and readable headings of
    their keys (for the document; keys without a heading are left out of it)."""

    key: str
    title: str
    labels: dict[str, str]
    rows: list[dict[str, Any]] = field(default_factory=list)


def readable(value: Any) -> str:
    """A plain value as the reader of the document sees it, in the active language."""
    if value is None or value == "" or value == []:
        return "\N{EN DASH}"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(readable(item) for item in value)
    text = str(value)
    if _ISO_DATETIME.match(text) and (moment := parse_datetime(text)):
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if _ISO_DATE.match(text) and (day := parse_date(text)):
        return formats.date_format(day, "SHORT_DATE_FORMAT")
    return text


@dataclass
class Export:
    """Everything about one person, collected once, for both the JSON and the document."""

    exported_at: datetime
    sections: list[Section]

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"exported_at": plain(self.exported_at)}
        for section in self.sections:
            data[section.key] = section.rows
        return data

    def as_document(self) -> list[dict[str, Any]]:
        """Sections with each row as (heading, readable value) pairs, for the PDF template."""
        return [
            {
                "title": section.title,
                "rows": [
                    [(label, readable(item.get(key))) for key, label in section.labels.items()]
                    for item in section.rows
                ],
            }
            for section in self.sections
        ]
