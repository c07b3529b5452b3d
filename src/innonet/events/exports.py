"""CSV and XLSX export of an event's registrations, safe to open in a spreadsheet.

The writers (and their formula escaping, RELIABILITY.md item 17) are the registry's: CSV
cells starting with =, +, -, @, a tab or CR get a leading apostrophe, XLSX cells are text."""

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.partners.exports import FORMATS, ExportFile, write_csv, write_xlsx

from .models import Event, Registration

Column = tuple[str, Callable[[Registration], Any]]


def _when(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _columns() -> list[Column]:
    field = Registration._meta.get_field

    def label(name: str) -> str:
        return str(field(name).verbose_name)

    return [
        (label("last_name"), lambda r: r.last_name),
        (label("first_name"), lambda r: r.first_name),
        (label("email"), lambda r: r.email),
        (label("organisation_name"), lambda r: r.organisation_name),
        (label("position"), lambda r: r.position),
        (label("phone"), lambda r: r.phone),
        (label("dietary_requirements"), lambda r: r.dietary_requirements),
        (label("remarks"), lambda r: r.remarks),
        (label("status"), lambda r: r.get_status_display()),
        (_("registered"), lambda r: _when(r.created_at)),
        (label("confirmed_at"), lambda r: _when(r.confirmed_at)),
        (label("attended_at"), lambda r: _when(r.attended_at)),
        (label("registered_by"), lambda r: str(r.registered_by) if r.registered_by_id else ""),
        (label("language"), lambda r: r.get_language_display()),
    ]


def registration_export(
    event: Event, queryset: QuerySet[Registration], *, fmt: str, acting_user: Any
) -> ExportFile:
    """Write the given (permission-scoped, filtered) registrations of `event` as a file and
    record who exported how many rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    columns = _columns()
    header = [name for name, _getter in columns]
    registrations = queryset.select_related("registered_by").iterator(chunk_size=500)
    rows: Iterator[list[Any]] = ([get(r) for _name, get in columns] for r in registrations)
    title = _("Registrations")
    if fmt == "csv":
        content, count = write_csv(header, rows)
    else:
        content, count = write_xlsx(header, rows, title=title)
    audit.record(
        event,
        "events.registration.exported",
        user=acting_user,
        data={"format": fmt, "rows": count},
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    filename = f"{slugify(title)}-{event.pk}-{stamp}.{fmt}"
    return ExportFile(content, FORMATS[fmt], filename, count)
