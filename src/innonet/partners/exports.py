"""CSV and XLSX export of the filtered organisation, people and interaction lists, safe to open
in a spreadsheet.

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

from .models import Interaction, Organisation, Person
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


def write_xlsx(
    header: list[str], rows: Iterable[list[Any]], *, title: str = ""
) -> tuple[bytes, int]:
    """A streamed workbook in which every cell is a text cell; `title` names the sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31] or None)

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


def _export(
    *, columns: list, rows: Iterable[list[Any]], fmt: str, title: str, action: str, acting_user: Any
) -> ExportFile:
    """Write the rows as CSV or XLSX and record one audit entry with the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    header = [label for label, _getter in columns]
    if fmt == "csv":
        content, count = write_csv(header, rows)
    else:
        content, count = write_xlsx(header, rows, title=title)
    audit.record(None, action, user=acting_user, data={"format": fmt, "rows": count})
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    filename = f"{slugify(title)}-{stamp}.{fmt}"
    return ExportFile(content, FORMATS[fmt], filename, count)


def organisation_export(
    queryset: QuerySet[Organisation], *, fmt: str, acting_user: Any
) -> ExportFile:
    """Write the given (already permission-scoped and filtered) organisations as a file and
    record who exported how many rows."""
    columns = _columns()
    return _export(
        columns=columns,
        rows=_rows(queryset, columns),
        fmt=fmt,
        title=_("Organisations"),
        action="partners.organisation.exported",
        acting_user=acting_user,
    )


def _person_roles(person: Person) -> str:
    """The person's current roles, as prefetched into `current_roles` by the list query."""
    return ", ".join(
        f"{role.organisation.name} ({role.position})" if role.position else role.organisation.name
        for role in getattr(person, "current_roles", [])
    )


def _person_columns() -> list[tuple[str, Any]]:
    field = Person._meta.get_field
    return [
        (str(field("title").verbose_name), lambda p: p.title),
        (str(field("first_name").verbose_name), lambda p: p.first_name),
        (str(field("last_name").verbose_name), lambda p: p.last_name),
        (str(field("email").verbose_name), lambda p: p.email),
        (str(field("phone").verbose_name), lambda p: p.phone),
        (str(field("language").verbose_name), lambda p: p.get_language_display()),
        (_("current roles"), _person_roles),
    ]


def person_export(queryset: QuerySet[Person], *, fmt: str, acting_user: Any) -> ExportFile:
    """Write the given (permission-scoped, filtered) people as a file, never an erased person,
    and record who exported how many rows. The queryset should prefetch `current_roles`."""
    columns = _person_columns()
    people = queryset.filter(erased_at__isnull=True)
    rows = ([getter(person) for _label, getter in columns] for person in people)
    return _export(
        columns=columns,
        rows=rows,
        fmt=fmt,
        title=_("People"),
        action="partners.person.exported_list",
        acting_user=acting_user,
    )


def _interaction_columns() -> list[tuple[str, Any]]:
    field = Interaction._meta.get_field
    return [
        (str(field("happened_on").verbose_name), lambda i: i.happened_on.isoformat()),
        (str(field("kind").verbose_name), lambda i: i.get_kind_display()),
        (str(field("topic").verbose_name), lambda i: i.topic),
        (str(field("organisation").verbose_name), lambda i: i.organisation and i.organisation.name),
        (str(field("person").verbose_name), lambda i: i.person and str(i.person)),
        (str(field("staff").verbose_name), lambda i: i.staff and str(i.staff)),
        (
            str(field("follow_up_on").verbose_name),
            lambda i: i.follow_up_on and i.follow_up_on.isoformat(),
        ),
        (
            str(field("follow_up_done").verbose_name),
            lambda i: _("yes") if i.follow_up_done else _("no"),
        ),
        (str(field("notes").verbose_name), lambda i: i.notes),
    ]


def interaction_export(
    queryset: QuerySet[Interaction], *, fmt: str, acting_user: Any
) -> ExportFile:
    """Write the given (permission-scoped, filtered) interactions as a file and record who
    exported how many rows. The queryset should select organisation, person and staff."""
    columns = _interaction_columns()
    rows = ([getter(item) for _label, getter in columns] for item in queryset)
    return _export(
        columns=columns,
        rows=rows,
        fmt=fmt,
        title=_("Contacts"),
        action="partners.interaction.exported",
        acting_user=acting_user,
    )
