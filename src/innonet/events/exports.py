"""CSV and XLSX export of an event's registrations: the columns; writing, formula escaping,
audit and file names are `core.exports`'."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core.exports import Column, ExportFile, export

from .models import Event, Registration


def _columns() -> list[Column[Registration]]:
    field = Registration._meta.get_field

    def label(name: str) -> str:
        return str(field(name).verbose_name)

    return [
        Column(label("last_name"), lambda r: r.last_name),
        Column(label("first_name"), lambda r: r.first_name),
        Column(label("email"), lambda r: r.email),
        Column(label("organisation_name"), lambda r: r.organisation_name),
        Column(label("position"), lambda r: r.position),
        Column(label("phone"), lambda r: r.phone),
        Column(label("dietary_requirements"), lambda r: r.dietary_requirements),
        Column(label("remarks"), lambda r: r.remarks),
        Column(label("status"), lambda r: r.get_status_display()),
        Column(_("registered"), lambda r: r.created_at),
        Column(label("confirmed_at"), lambda r: r.confirmed_at),
        Column(label("attended_at"), lambda r: r.attended_at),
        Column(
            label("registered_by"), lambda r: str(r.registered_by) if r.registered_by_id else ""
        ),
        Column(label("language"), lambda r: r.get_language_display()),
    ]


def registration_export(
    event: Event, queryset: QuerySet[Registration], *, fmt: str, acting_user: User | None
) -> ExportFile:
    """Write the given (permission-scoped, filtered) registrations of `event` as a file and
    record who exported how many rows."""
    return export(
        queryset.select_related("registered_by").iterator(chunk_size=500),
        columns=_columns(),
        fmt=fmt,
        title=_("Registrations"),
        action="events.registration.exported",
        acting_user=acting_user,
        subject_type="events.registration",
        target=event,
        name_suffix=str(event.pk),
    )
