"""Issued cluster label evidence as its page, PDF and XLSX read it: the frozen sections with
each cell typed (dates as dates, money as decimals) and written out for reading. Built from the
stored JSON only, never from live data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from ...models import IssuedReport
from ..document import UNIT_LABELS, IssuedDocument, ReportDocument, issued_fields
from ..labels import display
from .tables import CHARTS, DATE, EURO, SHARE

# The figures on the first page, in this order, where the evidence has them.
HEADLINE = ("partners", "sme_share", "events", "participant_organisations", "introductions",
            "delegation_visits")  # fmt: skip


@dataclass
class LabelDocument(IssuedDocument):
    """The sections of one issued cluster label evidence, ready for templates and workbook."""

    sections: list[dict[str, Any]]

    @property
    def by_code(self) -> dict[str, dict[str, Any]]:
        return {row["code"]: row for section in self.sections for row in section["figures"]}

    @property
    def headline(self) -> list[dict[str, Any]]:
        rows = self.by_code
        return [rows[code] for code in HEADLINE if code in rows]

    edition_css = ReportDocument.edition_css


def _cell(value: Any, kind: str) -> dict[str, Any]:
    if value is None or value == "":
        return {"value": None, "display": "\u2013" if kind != "text" else "", "numeric": False}
    if kind == DATE and isinstance(value, str) and value[:1].isdigit():
        day = date.fromisoformat(value)
        return {"value": day, "display": formats.date_format(day, "SHORT_DATE_FORMAT"),
                "numeric": False}  # fmt: skip
    if isinstance(value, str):
        if kind == EURO:
            amount = Decimal(value)
            return {"value": amount, "display": display(amount, "euro"), "numeric": True}
        return {"value": value, "display": value, "numeric": False}
    unit = "share" if kind == SHARE else "count"
    return {"value": value, "display": display(value, unit), "numeric": True}


def _table(frozen: dict[str, Any]) -> dict[str, Any]:
    kinds = [column["type"] for column in frozen["columns"]]
    rows = [[_cell(v, k) for v, k in zip(row, kinds, strict=False)] for row in frozen["rows"]]
    total = frozen.get("total")
    return {
        **frozen,
        "rows": rows,
        "total": [_cell(v, k) for v, k in zip(total, kinds, strict=False)] if total else None,
    }


def _figure(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "unit_label": str(UNIT_LABELS.get(row["unit"], row["unit"]))}


def label_document(report: IssuedReport) -> LabelDocument:
    """The document of an issued cluster label evidence whose content is frozen."""
    content = report.content
    sections = [
        {**section, "figures": [_figure(row) for row in section["figures"]],
         "tables": [_table(frozen) for frozen in section["tables"]],
         "charts": [name for key, _t, name, _c in CHARTS if key == section["key"]]}
        for section in content["sections"]
    ]  # fmt: skip
    return LabelDocument(**issued_fields(report, _("Cluster label evidence")), sections=sections)
