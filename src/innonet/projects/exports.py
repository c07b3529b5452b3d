"""CSV and XLSX export of the filtered project list, safe to open in a spreadsheet.

The writers (and their formula escaping, RELIABILITY.md item 17) are the registry's: CSV
cells starting with =, +, -, @, a tab or CR get a leading apostrophe, XLSX cells are text."""

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.partners.exports import FORMATS, ExportFile, write_csv, write_xlsx

from .models import InnovationProject

Column = tuple[str, Callable[[InnovationProject], Any]]
ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _columns() -> list[Column]:
    field = InnovationProject._meta.get_field

    def label(name: str) -> str:
        return str(field(name).verbose_name)

    return [
        ("ID", lambda p: p.pk),
        (label("title"), lambda p: p.title),
        (label("stage"), lambda p: p.get_stage_display()),
        (label("owner"), lambda p: str(p.owner) if p.owner_id else ""),
        (label("programme"), lambda p: p.programme.name if p.programme_id else ""),
        (label("call"), lambda p: p.call.title if p.call_id else ""),
        (label("confidentiality"), lambda p: p.get_confidentiality_display()),
        (label("next_step"), lambda p: p.next_step),
        (label("next_step_due"), lambda p: p.next_step_due.isoformat() if p.next_step_due else ""),
        (label("ris3_fields"), lambda p: ", ".join(f.name for f in p.ris3_fields.all())),
        (_("partners"), lambda p: p.partner_count),
        (_("requested (EUR)"), lambda p: f"{p.requested_sum:.2f}"),
        (_("granted (EUR)"), lambda p: f"{p.granted_sum:.2f}"),
        (label("summary"), lambda p: p.summary),
        (_("changed"), lambda p: timezone.localtime(p.updated_at).strftime("%Y-%m-%d %H:%M")),
    ]


def export_rows(queryset: QuerySet[InnovationProject]) -> QuerySet[InnovationProject]:
    """The projects with what the export shows, in a fixed number of queries."""
    return (
        queryset.select_related("owner", "programme", "call")
        .annotate(
            partner_count=Count("partners", distinct=True),
            requested_sum=Coalesce(Sum("partners__requested_amount"), ZERO),
            granted_sum=Coalesce(Sum("partners__granted_amount"), ZERO),
        )
        .prefetch_related(Prefetch("ris3_fields"))
    )


def project_export(
    queryset: QuerySet[InnovationProject], *, fmt: str, acting_user: Any
) -> ExportFile:
    """Write the given (permission-scoped, filtered) projects as a file and record who
    exported how many rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    columns = _columns()
    header = [name for name, _getter in columns]
    projects = export_rows(queryset).iterator(chunk_size=500)
    rows: Iterator[list[Any]] = ([get(p) for _name, get in columns] for p in projects)
    title = _("Innovation projects")
    if fmt == "csv":
        content, count = write_csv(header, rows)
    else:
        content, count = write_xlsx(header, rows, title=title)
    audit.record(
        None,
        "projects.project.exported",
        user=acting_user,
        data={"format": fmt, "rows": count},
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    return ExportFile(content, FORMATS[fmt], f"{slugify(title)}-{stamp}.{fmt}", count)
