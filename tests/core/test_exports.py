"""The export writer of every list: formula escaping in CSV and XLSX (RELIABILITY item 17),
typed cells in XLSX, the header row, the audit entry, content type and file name."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from operator import itemgetter

import pytest
from openpyxl import load_workbook

from innonet.core.exports import Column, escape_csv_cell, export
from innonet.core.models import AuditEntry

NASTY = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A2)", "\t=x", "\r=y"]
COLUMNS = [Column("Wert", lambda row: row)]


def written(rows, fmt, columns=COLUMNS, **extra):
    extra.setdefault("title", "Liste")
    return export(
        rows, columns=columns, fmt=fmt, action="core.test.exported", acting_user=None, **extra
    )


def csv_rows(file) -> list[list[str]]:
    assert file.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(file.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(file) -> list[tuple]:
    return list(load_workbook(io.BytesIO(file.content)).active.iter_rows())


@pytest.mark.parametrize("value", NASTY)
def test_csv_text_that_looks_like_a_formula_gets_an_apostrophe(db, value):
    assert csv_rows(written([value], "csv")) == [["Wert"], [f"'{value}"]]


@pytest.mark.parametrize("value", NASTY)
def test_xlsx_text_that_looks_like_a_formula_stays_text(db, value):
    [_header, (cell,)] = xlsx_rows(written([value], "xlsx"))
    assert cell.data_type == "s"
    assert cell.quotePrefix
    # XML parsers normalise a stored carriage return to a line feed when reading.
    assert cell.value in (value, value.replace("\r", "\n"))


def test_a_formula_in_the_header_is_escaped_too(db):
    columns = [Column("=HEADER()", lambda row: row)]
    assert csv_rows(written(["a"], "csv", columns))[0] == ["'=HEADER()"]
    [(header,), _row] = xlsx_rows(written(["a"], "xlsx", columns))
    assert header.data_type == "s" and header.quotePrefix


def test_xlsx_numbers_and_dates_stay_typed(db, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    moment = datetime(2027, 3, 28, 12, 30, tzinfo=UTC)
    values = [7, -2, 2.5, Decimal("1000.50"), date(2027, 3, 1), moment]
    columns = [Column(f"c{i}", itemgetter(i)) for i in range(len(values))]
    [_header, cells] = xlsx_rows(written([values], "xlsx", columns))
    assert [cell.data_type for cell in cells[:4]] == ["n"] * 4
    assert [cell.value for cell in cells[:4]] == [7, -2, 2.5, 1000.5]
    assert not cells[1].quotePrefix  # a negative number is no formula
    assert cells[4].is_date and cells[4].value.date() == date(2027, 3, 1)
    assert cells[5].is_date and cells[5].value.timetuple()[:5] == (2027, 3, 28, 14, 30)  # Berlin


def test_csv_numbers_are_not_escaped_and_dates_are_iso(db, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    moment = datetime(2027, 3, 28, 12, 30, tzinfo=UTC)
    row = [-2, Decimal("1000.50"), Decimal("1E+3"), date(2027, 3, 1), moment, None, True]
    assert [escape_csv_cell(value) for value in row] == [
        "-2", "1000.50", "1000", "2027-03-01", "2027-03-28 14:30", "", "True",
    ]  # fmt: skip


def test_control_characters_do_not_break_the_workbook(db):
    [_header, (cell,)] = xlsx_rows(written(["Firma\x07 mit\x1b Steuerzeichen"], "xlsx"))
    assert cell.value == "Firma mit Steuerzeichen"


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_file_type_name_row_count_and_one_audit_entry(db, fmt, content_type):
    file = written(["a", "b"], fmt, title="Anmeldungen Übersicht", name_suffix="7")
    assert file.content_type == content_type
    assert file.rows == 2
    assert file.filename.startswith("anmeldungen-ubersicht-7-") and file.filename.endswith(fmt)
    response = file.response()
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{file.filename}"'
    entry = AuditEntry.objects.get(action="core.test.exported")
    assert entry.data == {"format": fmt, "rows": 2}


def test_an_unknown_format_is_refused_before_anything_is_recorded(db):
    with pytest.raises(ValueError, match="pdf"):
        written(["a"], "pdf")
    assert not AuditEntry.objects.exists()


def read_sheet(file):
    return load_workbook(io.BytesIO(file.content)).active


def test_xlsx_amounts_sum_and_the_sheet_is_ready_to_filter(db, settings):
    """Amounts are numeric cells with a money format, so a SUM over the column works; the
    header row is frozen and bold, the auto-filter covers every row, widths fit."""
    settings.TIME_ZONE = "Europe/Berlin"
    amounts = [Decimal("1000.50"), Decimal("249.50"), Decimal("0.01")]
    columns = [
        Column("Organisation mit einem langen Namen", itemgetter(0)),
        Column("Betrag", itemgetter(1)),
        Column("Am", itemgetter(2)),
    ]
    rows = [
        [f"Firma {i}", amount, datetime(2027, 1, 31, 23, 30, tzinfo=UTC)]
        for i, amount in enumerate(amounts)
    ]
    sheet = read_sheet(written(rows, "xlsx", columns))
    cells = [sheet.cell(row, 2) for row in range(2, 5)]
    assert [cell.data_type for cell in cells] == ["n", "n", "n"]
    assert all(cell.number_format == "#,##0.00" for cell in cells)
    assert sum(Decimal(str(cell.value)) for cell in cells) == Decimal("1250.01")
    moment = sheet.cell(2, 3)
    assert moment.is_date and moment.data_type != "s"  # an Excel date (a serial number)
    assert moment.value.timetuple()[:5] == (2027, 2, 1, 0, 30)  # Berlin local time
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C4"
    assert sheet.cell(1, 1).font.b
    widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
    assert widths[0] >= len("Organisation mit einem langen Namen")
    assert all(8 <= width <= 60 for width in widths)


def test_xlsx_without_rows_still_has_its_filter_and_frozen_header(db):
    sheet = read_sheet(written([], "xlsx"))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:A1"


def test_very_long_text_keeps_the_column_readable(db):
    sheet = read_sheet(written(["x" * 5000], "xlsx"))
    assert sheet.column_dimensions["A"].width == 60
