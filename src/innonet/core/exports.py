"""CSV and XLSX exports of lists, written one way for every app and safe to open in a
spreadsheet.

An app names its columns (a label and a function of one row) and passes the rows; `export`
writes the header row and the rows, records one audit entry with the row count, and returns
the file with its content type and name. Text that starts with =, +, -, @, a tab or a carriage
return would be taken as a formula (CSV injection, RELIABILITY item 17): CSV cells get a
leading apostrophe, XLSX cells are written as text cells, never as formulas. Numbers, dates and
times stay numbers, dates and times in XLSX.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from . import audit
from .access_log import AccessKind, access_record

# openpyxl (and numpy, which it loads when present) is imported where a workbook is written,
# so that a web process which never writes one does not carry it (decisions.md, "Heavy
# libraries").
if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

__all__ = [
    "FORMATS",
    "Column",
    "ExportFile",
    "escape_csv_cell",
    "export",
    "is_formula_like",
    "new_workbook",
    "workbook_bytes",
    "write_csv",
    "write_sheet",
    "write_xlsx",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NUMBERS = (int, float, Decimal)
XLSX_DATE = "YYYY-MM-DD"
XLSX_DATETIME = "YYYY-MM-DD HH:MM"
XLSX_TIME = "HH:MM"
XLSX_AMOUNT = "#,##0.00"  # shown in the reader's locale: 1.234,50 in German Excel
# The control characters an XLSX file cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
WIDTH_SAMPLE_ROWS = 200  # column widths are measured on the header and the first rows
MIN_WIDTH, MAX_WIDTH = 8, 60

Row = TypeVar("Row")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column of an export: its header and the value of one row (typed or text)."""

    label: str
    value: Callable[[Row], Any]


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    rows: int

    def response(self) -> HttpResponse:
        """The file as a download."""
        answer = HttpResponse(self.content, content_type=self.content_type)
        answer["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return answer


def _is_number(value: Any) -> bool:
    return isinstance(value, NUMBERS) and not isinstance(value, bool)


def _local(value: datetime) -> datetime:
    """A naive local time: spreadsheets know no time zones."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _clean(value: Any) -> str:
    """A cell as text: None empty, no characters a spreadsheet file cannot hold."""
    if value is None:
        return ""
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _csv_text(value: Any) -> str:
    """Dates and times as ISO text (local time, to the minute), decimals in full, anything
    else as str()."""
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")  # 1000.50, never 1.0005E+3
    return _clean(value)


def escape_csv_cell(value: Any) -> str:
    """The cell as CSV text; text that looks like a formula gets a leading apostrophe (a
    number is never a formula)."""
    text = _csv_text(value)
    if _is_number(value):
        return text
    return f"'{text}" if is_formula_like(text) else text


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


def _xlsx_cell(new_cell: Callable[..., "WriteOnlyCell"], value: Any) -> "WriteOnlyCell":
    """A numeric or date cell for numbers and dates, a text cell (never a formula) otherwise;
    `new_cell(value=...)` makes a cell of the sheet."""
    if _is_number(value):
        cell = new_cell(value=value)
        if isinstance(value, Decimal):
            cell.number_format = XLSX_AMOUNT
        return cell
    if isinstance(value, datetime | date | time):
        shown = XLSX_TIME if isinstance(value, time) else XLSX_DATE
        if isinstance(value, datetime):
            value, shown = _local(value), XLSX_DATETIME
        cell = new_cell(value=value)
        cell.number_format = shown
        return cell
    text = _clean(value)
    cell = new_cell(value=text)
    cell.data_type = "s"  # openpyxl would store a leading "=" as a formula
    cell.number_format = "@"
    if is_formula_like(text):
        cell.quotePrefix = True  # Excel keeps it text even after editing the cell
    return cell


def _shown_width(value: Any) -> int:
    """About how many characters a cell shows: the longest line of its text, dates as
    their format."""
    if isinstance(value, datetime):
        return len(XLSX_DATETIME)
    if isinstance(value, date | time):
        return len(XLSX_DATE)
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    return max((len(line) for line in _clean(value).splitlines()), default=0)


def _column_widths(header: list[str], sample: list[list[Any]]) -> list[float]:
    """A width per column that fits the header and the sampled rows, within bounds."""
    widths = []
    for index, label in enumerate(header):
        longest = max([_shown_width(label), *(_shown_width(row[index]) for row in sample)])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def write_xlsx(
    header: list[str], rows: Iterable[list[Any]], *, title: str = ""
) -> tuple[bytes, int]:
    """A streamed workbook with typed cells; `title` names the sheet. The header row is bold
    and frozen, the auto-filter covers header and rows, the widths fit the first rows."""
    workbook = new_workbook()
    count = write_sheet(workbook, header, rows, title=title)
    return workbook_bytes(workbook), count


def new_workbook() -> "Workbook":
    """An empty streamed (write-only) workbook, for `write_sheet`."""
    from openpyxl import Workbook

    return Workbook(write_only=True)


def workbook_bytes(workbook: "Workbook") -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(
    workbook: "Workbook", header: list[str], rows: Iterable[list[Any]], *, title: str = ""
) -> int:
    """Add one sheet as `write_xlsx` writes it to a write-only workbook (several sheets make
    one file); returns the number of rows written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title[:31] or None)
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE_ROWS))
    for index, width in enumerate(_column_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    new_cell = partial(WriteOnlyCell, sheet)
    header_cells = [_xlsx_cell(new_cell, label) for label in header]
    for cell in header_cells:
        cell.font = bold
    sheet.append(header_cells)
    count = 0
    for row in chain(sample, rows):
        sheet.append([_xlsx_cell(new_cell, value) for value in row])
        count += 1
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    return count


def export(
    objects: Iterable[Row],
    *,
    columns: list[Column[Row]],
    fmt: str,
    title: str,
    action: str,
    acting_user: AbstractBaseUser | None,
    target: Model | None = None,
    name_suffix: str = "",
    subject_type: str = "",
    subject_id: Callable[[Row], int | None] = lambda row: getattr(row, "pk", None),
) -> ExportFile:
    """Write `objects` as CSV or XLSX and record one audit entry `action` (on `target`) with
    the format and the row count; the file is named after `title`, `name_suffix` and today.
    With `subject_type` (a list of people's data), the access log gets one row per record
    exported (`subject_id` of each row), in the audit entry's transaction."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    header = [str(column.label) for column in columns]
    subjects: list[int | None] = []

    def values(row: Row) -> list[Any]:
        if subject_type:
            subjects.append(subject_id(row))
        return [column.value(row) for column in columns]

    rows: Iterator[list[Any]] = (values(row) for row in objects)
    if fmt == "csv":
        content, count = write_csv(header, rows)
    else:
        content, count = write_xlsx(header, rows, title=str(title))
    stem = "-".join(part for part in (slugify(title), name_suffix) if part)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    filename = f"{stem}-{stamp}.{fmt}"
    with transaction.atomic():
        audit.record(target, action, user=acting_user, data={"format": fmt, "rows": count})
        if subject_type:
            access_record(
                subject_type,
                (pk for pk in subjects if pk is not None),
                kind=AccessKind.EXPORTED,
                source=filename,
                user=acting_user,
            )
    return ExportFile(content, FORMATS[fmt], filename, count)
