"""Reads of the registry that encode permissions or cross models: the organisation list, the
detail page with everything about one partner, the public profile and the member directory."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Expression,
    F,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.http import Http404

from innonet.core import permissions, privacy
from innonet.core.access_log import accesses_of
from innonet.core.collation import german_order, german_text
from innonet.core.models import PersonalDataAccess
from innonet.core.privacy.access_log import person_records

from .imports import ImportFileError, open_table
from .models import (
    Affiliation,
    Consent,
    ConsentPurpose,
    ContactRequest,
    ImportJob,
    Interaction,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
    Unit,
)
from .rules import SmeClass

# Sort keys offered by the list: URL value -> ORM ordering (names in German order).
ORGANISATION_SORTS: dict[str, str] = {
    "name": "name",
    "kind": "kind",
    "sme_class": "sme_rank",
    "district": "district__name",
    "employees": "employees",
}
_GERMAN_SORTS = {"name", "district__name"}
# Sorts by a column that can be empty put empty values last in both directions, alike on both
# databases; no index gives that, so these sorts (and the size rank, which is computed) sort
# the filtered rows. Name and kind read their indexes.
_NULLABLE_SORTS = {"employees", "district__name"}
INTERACTIONS_ON_DETAIL = 50

_SME_RANK = Case(
    *(
        When(sme_class=size, then=Value(rank))
        for rank, size in enumerate(
            (SmeClass.MICRO, SmeClass.SMALL, SmeClass.MEDIUM, SmeClass.LARGE, SmeClass.UNKNOWN)
        )
    ),
    default=Value(9),
    output_field=IntegerField(),
)


def organisation_list(user: Any, *, sort: str = "name") -> QuerySet[Organisation]:
    """The organisations this user may see, with what the list shows, in the chosen order."""
    field = ORGANISATION_SORTS.get(sort.lstrip("-"), "name")
    key = german_text(field) if field in _GERMAN_SORTS else F(field)
    descending = sort.startswith("-")
    # Empty values last in both directions, alike on SQLite and PostgreSQL.
    nulls_last = True if field in _NULLABLE_SORTS else None
    ordering = key.desc(nulls_last=nulls_last) if descending else key.asc(nulls_last=nulls_last)
    queryset: QuerySet[Organisation] = Organisation.objects.select_related("district")
    if field == "sme_rank":
        queryset = queryset.annotate(sme_rank=_SME_RANK)
    queryset = permissions.visible(user, queryset)
    if field == "name":
        # Backwards through the name index when descending.
        return queryset.order_by(ordering, "-pk" if descending else "pk")
    return queryset.order_by(ordering, german_order("name"), "pk")


def organisation_export_rows(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The filtered list with the relations the export writes, fetched in chunks."""
    return queryset.select_related("district", "country").prefetch_related(
        "competences", "ris3_fields"
    )


@dataclass
class OrganisationDetail:
    """Everything about one organisation that this user may see."""

    organisation: Organisation
    units: list[Unit]
    affiliations: list[Affiliation]
    memberships: list[Membership]
    interactions: list[Interaction] | None
    has_public_profile: bool
    can_change: bool = False
    can_change_units: bool = False
    can_set_membership: bool = False
    can_read_audit: bool = False


def organisation_detail(user: Any, pk: int) -> OrganisationDetail:
    """One organisation with units, people, memberships (with history) and, for the office and
    the board, interactions. A fixed number of queries however many rows there are."""
    queryset = permissions.visible(
        user,
        Organisation.objects.select_related("district", "country").prefetch_related(
            "competences", "ris3_fields"
        ),
    )
    organisation = queryset.filter(pk=pk).first()
    if organisation is None:
        raise Http404
    units = list(
        permissions.visible(user, Unit.objects.filter(organisation=organisation))
        .prefetch_related("competences")
        .order_by(german_order("name"), "pk")
    )
    affiliations = list(
        permissions.visible(user, Affiliation.objects.filter(organisation=organisation))
        .filter(person__erased_at__isnull=True)
        .select_related("person", "unit")
        .order_by(
            "-is_main_contact",
            german_order("person__last_name"),
            german_order("person__first_name"),
            "pk",
        )
    )
    changes = permissions.visible(user, MembershipStatusChange.objects.all()).select_related(
        "recorded_by"
    )
    memberships = list(
        permissions.visible(user, Membership.objects.filter(organisation=organisation))
        .select_related("network")
        .prefetch_related(Prefetch("changes", queryset=changes.order_by("-valid_from", "-id")))
        .order_by(german_order("network__name"), "pk")
    )
    interactions = None
    if permissions.reads_everything(user):
        interactions = list(
            permissions.visible(user, Interaction.objects.filter(organisation=organisation))
            .select_related("person", "staff")
            .order_by("-happened_on", "-id")[:INTERACTIONS_ON_DETAIL]
        )
    return OrganisationDetail(
        organisation=organisation,
        units=units,
        affiliations=affiliations,
        memberships=memberships,
        interactions=interactions,
        has_public_profile=has_public_profile(organisation),
        can_change=permissions.can_change(user, organisation),
        can_change_units=permissions.can_change(user, Unit(organisation=organisation)),
        can_set_membership=permissions.is_staff(user),
        can_read_audit=permissions.reads_everything(user),
    )


def has_public_profile(organisation: Organisation) -> bool:
    """The newest public-profile consent for the organisation is a grant."""
    newest = (
        Consent.objects.filter(organisation=organisation, purpose=ConsentPurpose.PUBLIC_PROFILE)
        .order_by("-recorded_at", "-id")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(newest)


def organisation_public(pk: int) -> Organisation:
    """The organisation for its public profile page; 404 unless its consent allows it."""
    organisation = (
        Organisation.objects.select_related("district")
        .prefetch_related("competences", "ris3_fields")
        .filter(pk=pk)
        .first()
    )
    if organisation is None or not has_public_profile(organisation):
        raise Http404
    return organisation


def import_job_samples(job: ImportJob, *, rows: int = 3) -> list[list[str]]:
    """The first `rows` non-empty values of each column of an uploaded file, shown beside the
    column in the mapping step (none once the file is gone after the import)."""
    samples: list[list[str]] = [[] for _header in job.headers]
    if not job.payload:
        return samples
    try:
        table = open_table(bytes(job.payload), job.filename, delimiter=job.delimiter or None)
        for count, (_number, cells) in enumerate(table.rows()):
            if count >= rows:
                break
            for index, cell in enumerate(cells[: len(samples)]):
                if cell.strip():
                    samples[index].append(cell.strip()[:60])
    except ImportFileError:
        return samples
    return samples


# -- the member directory --------------------------------------------------------------------
# What members see of the network: organisations that consented (`member_visibility`), with
# their research groups, competences and RIS3 fields; never people. Sort keys -> ORM fields.
DIRECTORY_SORTS: dict[str, tuple[str | Expression, ...]] = {
    "name": (german_text("name"), "pk"),
    "kind": ("kind", german_text("name"), "pk"),
    "district": (german_text("district__name"), german_text("name"), "pk"),
    "city": (german_text("city"), german_text("name"), "pk"),
}
DIRECTORY_ROLES = (permissions.MEMBER, permissions.BOARD, permissions.STAFF)


def directory_list() -> QuerySet[Organisation]:
    """The organisations of the member directory with what its list shows (a fixed number of
    queries per page: district joined, competences, RIS3 fields and units prefetched)."""
    return (
        Organisation.objects.in_directory()
        .select_related("district")
        .prefetch_related(
            "competences",
            "ris3_fields",
            Prefetch("units", queryset=Unit.objects.order_by(german_order("name"), "pk")),
        )
    )


def directory_detail(pk: int) -> Organisation:
    """One organisation as the members see it; 404 unless it consented to the directory."""
    organisation = (
        Organisation.objects.in_directory()
        .select_related("district", "country")
        .prefetch_related(
            "competences",
            "ris3_fields",
            Prefetch(
                "units",
                queryset=Unit.objects.order_by(german_order("name"), "pk").prefetch_related(
                    "competences"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def contact_requests(user: Any) -> QuerySet[ContactRequest]:
    """Members' requests for contact through the office, newest first (the office and the
    board; everyone else sees none)."""
    return permissions.visible(
        user,
        ContactRequest.objects.select_related(
            "organisation", "unit", "requesting_organisation", "requested_by", "handled_by"
        ),
    )


def person_accesses(person: Person) -> QuerySet[PersonalDataAccess]:
    """Who opened or exported the person's data, newest first: accesses to the Person and to
    every record the apps know as theirs (registrations found by address too)."""
    identity = privacy.identify(privacy.Identity(person_id=person.pk))
    return accesses_of(person_records(identity)).select_related("actor")
