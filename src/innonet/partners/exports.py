"""CSV and XLSX export of the filtered organisation list, safe to open in a spreadsheet.

A cell starting with =, +, -, @, a tab or a carriage return would be taken as a formula
(CSV injection, RELIABILITY item 17): CSV cells get a leading apostrophe, XLSX cells are
written as text cells, never as formulas.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from innonet.core import audit

from .models import Organisation
from .queries import organisation_export_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    rows: int


def _clean(value: Any) -> str:
    """A cell as text: None empty, no characters a spreadsheet file cannot hold."""
    if value is None:
        return ""
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def escape_csv_cell(value: Any) -> str:
    text = _clean(value)
    return f"'{text}" if is_formula_like(text) else text


def _columns() -> list[tuple[str, Any]]:
    names = (
        "name", "legal_form", "kind", "sme_class", "employees", "annual_turnover",
        "balance_sheet_total", "register_id", "vat_id", "street", "postcode", "city",
        "district", "country", "website", "email", "phone", "keywords", "description",
    )  # fmt: skip
    columns: list[tuple[str, Any]] = []
    for name in names:
        field = Organisation._meta.get_field(name)
        if field.choices:
            getter = (lambda n: lambda org: getattr(org, f"get_{n}_display")())(name)
        else:
            getter = (lambda n: lambda org: getattr(org, n))(name)
        columns.append((str(field.verbose_name), getter))
    columns.append((_("competences"), lambda org: ", ".join(c.name for c in org.competences.all())))
    columns.append((_("RIS3 fields"), lambda org: ", ".join(r.name for r in org.ris3_fields.all())))
    return columns


def _rows(queryset: QuerySet[Organisation], columns: list) -> Iterator[list[Any]]:
    for organisation in organisation_export_rows(queryset).iterator(chunk_size=500):
        yield [getter(organisation) for _label, getter in columns]


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> tuple[bytes, int]:
    """Semicolon-separated UTF-8 with a byte-order mark, as German Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_csv_cell(label) for label in header])
    count = 0
    for row in rows:
        writer.writerow([escape_csv_cell(value) for value in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def write_xlsx(header: list[str], rows: Iterable[list[Any]]) -> tuple[bytes, int]:
    """A streamed workbook in which every cell is a text cell."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Organisations"))

    def text_cells(values: Iterable[Any]) -> list[WriteOnlyCell]:
        cells = []
        for value in values:
            text = _clean(value)
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # openpyxl would store a leading "=" as a formula
            cell.number_format = "@"
            if is_formula_like(text):
                cell.quotePrefix = True  # Excel keeps it text even after editing the cell
            cells.append(cell)
        return cells

    sheet.append(text_cells(header))
    count = 0
    for row in rows:
        sheet.append(text_cells(row))
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def organisation_export(
    queryset: QuerySet[Organisation], *, fmt: str, acting_user: Any
) -> ExportFile:
    """Write the given (already permission-scoped and filtered) organisations as a file and
    record who exported how many rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    columns = _columns()
    header = [label for label, _getter in columns]
    writer = write_csv if fmt == "csv" else write_xlsx
    content, count = writer(header, _rows(queryset, columns))
    audit.record(
        None,
        "partners.organisation.exported",
        user=acting_user,
        data={"format": fmt, "rows": count},
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    filename = f"{slugify(_('organisations'))}-{stamp}.{fmt}"
    return ExportFile(content, FORMATS[fmt], filename, count)
