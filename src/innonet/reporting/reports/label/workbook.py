"""The XLSX of issued cluster label evidence: a sheet about the evidence, then one sheet per
section with its figures and, below them, each of its tables. Cells are typed (numbers,
dates) and text is never a formula (core.exports)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from innonet.core.exports import new_workbook, workbook_bytes, write_sheet

from ..workbook import about_rows, number_cell
from .document import LabelDocument


def render_label_xlsx(document: LabelDocument) -> bytes:
    """The workbook as bytes."""
    workbook = new_workbook()
    write_sheet(workbook, [_("Field"), _("Value")], about_rows(document), title=_("Evidence"))
    for section in document.sections:
        header = [_("Figure"), _("Value"), _("Unit"), _("Breakdown"), _("Definition")]
        width = max([len(header)] + [len(t["columns"]) for t in section["tables"]])
        header += [""] * (width - len(header))
        rows = (row + [None] * (width - len(row)) for row in _section_rows(section))
        write_sheet(workbook, header, rows, title=section["title"])
    return workbook_bytes(workbook)


def _section_rows(section: dict[str, Any]) -> Iterator[list[Any]]:
    for row in section["figures"]:
        parts = "; ".join(f"{part['label']}: {part['display']}" for part in row["parts"])
        yield [row["label"], number_cell(row["value"]), row["unit_label"], parts, row["definition"]]
    for frozen in section["tables"]:
        yield []
        yield [frozen["title"]]
        yield [column["label"] for column in frozen["columns"]]
        for cells in frozen["rows"]:
            yield [cell["value"] for cell in cells]
        if frozen["total"]:
            yield [cell["value"] for cell in frozen["total"]]
        if frozen["note"]:
            yield [frozen["note"]]
