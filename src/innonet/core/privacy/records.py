"""The records of processing activities (GDPR Art. 30(1)) as rows: one per processing of the
register, with its purpose, legal basis, categories of data (the registered fields by their
readable names), retention and what the retention job does. Written as CSV or XLSX by
`core.exports`, so the file says what the register page and the retention job say."""

import operator
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .register import PROCESSINGS, REGISTER
from .retention import retention_rules

if TYPE_CHECKING:
    from ..exports import ExportFile

__all__ = ["field_label", "processing_records", "records_export", "records_header"]


def field_label(name: str) -> str:
    """ "app.Model.field" as the reader knows it: the model's and the field's verbose names."""
    app_label, model_name, field_name = name.split(".")
    meta = apps.get_model(app_label, model_name)._meta
    return f"{capfirst(meta.verbose_name)}: {capfirst(meta.get_field(field_name).verbose_name)}"


def records_header() -> list[str]:
    return [
        _("processing"), _("purpose"), _("legal basis"), _("categories of data"),
        _("retention"), _("retention job"), _("fields"),
    ]  # fmt: skip


def processing_records() -> list[list[Any]]:
    """One row per processing, in the order of the register, in the active language."""
    rules = retention_rules()
    rows = []
    for key, processing in PROCESSINGS.items():
        fields = sorted(name for name, item in REGISTER.items() if item is processing)
        categories = [field_label(name) for name in fields]
        if processing.categories:
            categories.append(str(processing.categories))
        jobs = [
            f"{rule.label}: {rule.action.label}" for rule in rules if rule.processing is processing
        ]
        rows.append(
            [
                key,
                str(processing.purpose),
                str(processing.legal_basis),
                "; ".join(categories),
                str(processing.retention),
                "; ".join(str(job) for job in jobs),
                ", ".join(fields),
            ]
        )
    return rows


def records_export(fmt: str, *, acting_user: Any) -> "ExportFile":
    """The records of processing as a CSV or XLSX file; the download is audited."""
    from ..exports import Column, export

    columns = [
        Column(label, operator.itemgetter(index)) for index, label in enumerate(records_header())
    ]
    return export(
        processing_records(),
        columns=columns,
        fmt=fmt,
        title=_("Records of processing"),
        action="core.privacy_records.exported",
        acting_user=acting_user,
    )
