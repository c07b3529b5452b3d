"""CSV and XLSX export of the filtered project list: the columns and the query behind them;
writing, formula escaping, audit and file names are `core.exports`'."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core.exports import Column, ExportFile, export

from .models import InnovationProject

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _columns() -> list[Column[InnovationProject]]:
    field = InnovationProject._meta.get_field

    def label(name: str) -> str:
        return str(field(name).verbose_name)

    return [
        Column("ID", lambda p: p.pk),
        Column(label("title"), lambda p: p.title),
        Column(label("stage"), lambda p: p.get_stage_display()),
        Column(label("owner"), lambda p: str(p.owner) if p.owner_id else ""),
        Column(label("programme"), lambda p: p.programme.name if p.programme_id else ""),
        Column(label("call"), lambda p: p.call.title if p.call_id else ""),
        Column(label("confidentiality"), lambda p: p.get_confidentiality_display()),
        Column(label("next_step"), lambda p: p.next_step),
        Column(label("next_step_due"), lambda p: p.next_step_due),
        Column(label("ris3_fields"), lambda p: ", ".join(f.name for f in p.ris3_fields.all())),
        Column(_("partners"), lambda p: p.partner_count),
        Column(_("requested (EUR)"), lambda p: p.requested_sum),
        Column(_("granted (EUR)"), lambda p: p.granted_sum),
        Column(label("summary"), lambda p: p.summary),
        Column(_("changed"), lambda p: p.updated_at),
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
    queryset: QuerySet[InnovationProject], *, fmt: str, acting_user: User | None
) -> ExportFile:
    """Write the given (permission-scoped, filtered) projects as a file and record who
    exported how many rows."""
    return export(
        export_rows(queryset).iterator(chunk_size=500),
        columns=_columns(),
        fmt=fmt,
        title=_("Innovation projects"),
        action="projects.project.exported",
        acting_user=acting_user,
    )
