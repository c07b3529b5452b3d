"""Reading uploaded tables safely: CSV in the usual encodings and separators, and XLSX.

Every check that protects the server runs before the file is parsed: the size of the upload,
that the name and the content agree, and for XLSX the zip directory (entry count, total
uncompressed size, compression ratio), so a zip bomb is refused without inflating it.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from innonet.core.errors import DomainError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_XLSX_ENTRIES = 300
MAX_XLSX_RATIO = 200
MAX_COLUMNS = 100
MAX_CELL_CHARS = 20_000
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024
# Bytes that never occur in a real CSV; a few of them in the first block mean binary data.
BINARY_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 32))


class ImportFileError(DomainError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Table:
    """A readable table: its header and a way to walk its data rows (again)."""

    data: bytes
    file_format: str
    headers: list[str]
    encoding: str = ""
    delimiter: str = ""

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number as the user sees it, cells) for each non-empty data row."""
        source = self._csv_rows() if self.file_format == "csv" else self._xlsx_rows()
        for number, cells in source:
            if number == 1:
                continue
            if any(cell.strip() for cell in cells):
                yield number, cells

    def count(self) -> int:
        return sum(1 for _row in self.rows())

    def _csv_rows(self) -> Iterator[tuple[int, list[str]]]:
        text = io.TextIOWrapper(io.BytesIO(self.data), encoding=self.encoding, newline="")
        reader = csv.reader(text, delimiter=self.delimiter, strict=False)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportFileError(
                    _("Row %(row)d cannot be read: %(reason)s")
                    % {"row": number + 1, "reason": str(error)[:200]}
                ) from error
            number += 1
            yield number, [cell[: MAX_CELL_CHARS + 1] for cell in cells[: MAX_COLUMNS + 1]]

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        workbook = _open_workbook(self.data)
        try:
            if not workbook.worksheets:
                raise ImportFileError(_("The Excel workbook has no worksheet."))
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            number = 0
            while True:
                try:
                    values = next(rows)
                except StopIteration:
                    return
                except Exception as error:  # a damaged sheet fails while it is streamed
                    raise ImportFileError(
                        _("The Excel workbook is damaged and cannot be read.")
                    ) from error
                number += 1
                yield number, [cell_text(value) for value in values[: MAX_COLUMNS + 1]]
        finally:
            workbook.close()


def cell_text(value: Any) -> str:
    """A cell as text. Formulas arrive as their text ("=A1") and stay text; whole floats
    lose their ".0" so an employee count of 12 reads "12"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(str(value)), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[: MAX_CELL_CHARS + 1]


def open_table(data: bytes, filename: str, *, delimiter: str | None = None) -> Table:
    """Check and open an uploaded file; raises ImportFileError with a clear message."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_FILE_BYTES // 1024**2}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    suffix = PurePath(filename or "").suffix.lower()
    is_zip = data[:4] == ZIP_MAGIC
    if suffix == ".xlsx":
        if not is_zip:
            raise ImportFileError(
                _("The file is named .xlsx but is not an Excel workbook. Save it as .xlsx again.")
            )
        return _xlsx_table(data)
    if suffix in (".csv", ".txt"):
        if is_zip:
            raise ImportFileError(
                _("The file is named .csv but looks like an Excel workbook. Name it .xlsx.")
            )
        return _csv_table(data, delimiter)
    raise ImportFileError(_("Please upload a CSV file (.csv) or an Excel workbook (.xlsx)."))


# A UTF-8 encoded German letter (Ä Ö Ü ß ä ö ü and the like): two bytes, 0xC3 then 0x80-0xBF.
MIXED_UTF8 = re.compile(rb"\xc3[\x80-\xbf]")


def _decode_sample(data: bytes) -> str:
    """Pick the encoding: UTF-8 (with or without BOM) if the bytes are valid UTF-8, else
    Windows-1252. Binary data is refused instead of being decoded as garbage."""
    sample = data[:TEXT_SAMPLE]
    if sum(byte in BINARY_BYTES for byte in sample) > max(2, len(sample) // 1000):
        raise ImportFileError(_("The file is not a text file. Please upload a CSV or XLSX file."))
    return sample


def _csv_table(data: bytes, delimiter: str | None) -> Table:
    _decode_sample(data)
    encoding = "utf-8-sig"
    try:
        codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError:
        if MIXED_UTF8.search(data):
            # UTF-8 umlauts beside bytes that are not UTF-8: read as Windows-1252, "ü" would
            # silently become "Ã¼" in the registry.
            raise ImportFileError(
                _(
                    "The file mixes two encodings (UTF-8 and Windows-1252), so umlauts would "
                    "come out wrong. Save it again as UTF-8 (CSV UTF-8) and upload it again."
                )
            ) from None
        encoding = "cp1252"
        try:
            codecs.decode(data, "cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("The file's encoding is not supported. Save it as UTF-8 or Windows-1252.")
            ) from error
    first_line = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="").readline()
    if delimiter is None:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
            delimiter = "\t"
    elif delimiter not in (",", ";", "\t", "|"):
        raise ImportFileError(_("The separator must be a comma, semicolon, tab or |."))
    table = Table(data=data, file_format="csv", headers=[], encoding=encoding, delimiter=delimiter)
    table.headers = _header(table)
    return table


def _xlsx_table(data: bytes) -> Table:
    check_zip(data)
    table = Table(data=data, file_format="xlsx", headers=[])
    table.headers = _header(table)
    return table


def _header(table: Table) -> list[str]:
    source = table._csv_rows() if table.file_format == "csv" else table._xlsx_rows()
    for _number, cells in source:
        if any(cell.strip() for cell in cells):
            headers = [cell.strip()[:100] for cell in cells]
            while headers and not headers[-1]:
                headers.pop()
            if len(headers) > MAX_COLUMNS:
                raise ImportFileError(
                    _("The file has more than %(count)d columns.") % {"count": MAX_COLUMNS}
                )
            if any("\x00" in header for header in headers):
                raise ImportFileError(_("The header row contains invalid characters."))
            return headers
        break
    raise ImportFileError(_("The file has no header row in its first line."))


def check_zip(data: bytes) -> None:
    """Refuse zip bombs from the zip directory alone, before anything is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(_("The Excel workbook is damaged and cannot be read.")) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_XLSX_ENTRIES:
            raise ImportFileError(_("The Excel workbook has too many parts to be read safely."))
        total = sum(entry.file_size for entry in entries)
        ratio = max((entry.file_size / max(entry.compress_size, 1) for entry in entries), default=0)
        if total > MAX_XLSX_UNCOMPRESSED or ratio > MAX_XLSX_RATIO:
            raise ImportFileError(
                _("The Excel workbook unpacks to too much data to be read safely.")
            )


def _open_workbook(data: bytes):
    import openpyxl  # imported late: only XLSX uploads need it

    try:
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:  # openpyxl raises many types for broken files
        raise ImportFileError(_("The Excel workbook is damaged and cannot be read.")) from error
