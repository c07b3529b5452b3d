"""CSV and XLSX export of the filtered organisation, people and interaction lists: the columns
of each; writing, formula escaping, audit and file names are `core.exports`'."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core.addresses import address_lines, address_parts
from innonet.core.exports import Column, ExportFile, export

from .models import Interaction, Organisation, Person
from .queries import organisation_export_rows


def postal_address(organisation: Organisation) -> str:
    """The address in its country's order, one line per line, for mail merges abroad."""
    return "\n".join(address_lines(address_parts(organisation)))


def _columns() -> list[Column[Organisation]]:
    names = (
        "name", "legal_form", "kind", "sme_class", "employees", "annual_turnover",
        "balance_sheet_total", "register_id", "vat_id", "street", "postcode", "city",
        "district", "country", "website", "email", "phone", "keywords", "description",
    )  # fmt: skip
    columns: list[Column[Organisation]] = []
    for name in names:
        field = Organisation._meta.get_field(name)
        if field.choices:
            getter = (lambda n: lambda org: getattr(org, f"get_{n}_display")())(name)
        else:
            getter = (lambda n: lambda org: getattr(org, n))(name)
        columns.append(Column(str(field.verbose_name), getter))
    columns.append(Column(_("postal address"), postal_address))
    columns.append(
        Column(_("competences"), lambda org: ", ".join(c.name for c in org.competences.all()))
    )
    columns.append(
        Column(_("RIS3 fields"), lambda org: ", ".join(r.name for r in org.ris3_fields.all()))
    )
    return columns


def organisation_export(
    queryset: QuerySet[Organisation], *, fmt: str, acting_user: User | None
) -> ExportFile:
    """Write the given (already permission-scoped and filtered) organisations as a file and
    record who exported how many rows."""
    return export(
        organisation_export_rows(queryset).iterator(chunk_size=500),
        columns=_columns(),
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


def _person_columns() -> list[Column[Person]]:
    field = Person._meta.get_field
    return [
        Column(str(field("title").verbose_name), lambda p: p.title),
        Column(str(field("first_name").verbose_name), lambda p: p.first_name),
        Column(str(field("last_name").verbose_name), lambda p: p.last_name),
        Column(str(field("email").verbose_name), lambda p: p.email),
        Column(str(field("phone").verbose_name), lambda p: p.phone),
        Column(str(field("language").verbose_name), lambda p: p.get_language_display()),
        Column(_("current roles"), _person_roles),
    ]


def person_export(queryset: QuerySet[Person], *, fmt: str, acting_user: User | None) -> ExportFile:
    """Write the given (permission-scoped, filtered) people as a file, never an erased person,
    and record who exported how many rows. The queryset should prefetch `current_roles`."""
    return export(
        queryset.filter(erased_at__isnull=True),
        columns=_person_columns(),
        fmt=fmt,
        title=_("People"),
        action="partners.person.exported_list",
        acting_user=acting_user,
        subject_type="partners.person",
    )


def _interaction_columns() -> list[Column[Interaction]]:
    field = Interaction._meta.get_field

    def label(name: str) -> str:
        return str(field(name).verbose_name)

    return [
        Column(label("happened_on"), lambda i: i.happened_on),
        Column(label("kind"), lambda i: i.get_kind_display()),
        Column(label("topic"), lambda i: i.topic),
        Column(label("organisation"), lambda i: i.organisation and i.organisation.name),
        Column(label("person"), lambda i: i.person and str(i.person)),
        Column(label("staff"), lambda i: i.staff and str(i.staff)),
        Column(label("follow_up_on"), lambda i: i.follow_up_on),
        Column(label("follow_up_done"), lambda i: _("yes") if i.follow_up_done else _("no")),
        Column(label("notes"), lambda i: i.notes),
    ]


def interaction_export(
    queryset: QuerySet[Interaction], *, fmt: str, acting_user: User | None
) -> ExportFile:
    """Write the given (permission-scoped, filtered) interactions as a file and record who
    exported how many rows. The queryset should select organisation, person and staff."""
    return export(
        queryset,
        columns=_interaction_columns(),
        fmt=fmt,
        title=_("Contacts"),
        action="partners.interaction.exported",
        acting_user=acting_user,
        subject_type="partners.person",
        subject_id=lambda interaction: interaction.person_id,
    )
