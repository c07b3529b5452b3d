"""Import cooperation profiles from a file of the EEN partnering format, and export them.

The check and the import run the same code: every profile goes through `profile_create` with
all its rules. The check does so inside a transaction it rolls back, so the preview shows
exactly what the import would do and writes nothing; the import runs in one transaction and
keeps nothing unless every profile of the file can be created. Imported profiles are drafts.
A profile the organisation already has (same kind and title) is not imported again.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.models import Competence, Ris3Field
from innonet.partners.models import Organisation

from ..een import documents, records
from ..een.records import Record
from ..models import CooperationProfile
from .profiles import profile_create

__all__ = [
    "ImportPlan",
    "ImportRefusedError",
    "een_export",
    "een_import_check",
    "een_profiles_import",
]

MAX_LOGGED = 100  # profile ids named in the audit entry of an export
# The profile's field names as the format calls them, for messages.
FORMAT_NAMES = {
    "kind": "type",
    "development_stage": "stage_of_development",
    "ip_status": "ipr_status",
    "partner_sought": "partner_sought.type",
    "partner_role": "partner_sought.role",
    "valid_until": "deadline",
}


@dataclass
class ImportPlan:
    """A read file and what importing it does, profile by profile."""

    document: documents.Document
    records: list[Record]
    skipped: set[int] = field(default_factory=set)

    @property
    def errors(self) -> int:
        return sum(len(record.errors) for record in self.records)

    @property
    def unknown(self) -> list[str]:
        """Every field the format does not know, with the profile it is in."""
        found = list(self.document.unknown)
        for record in self.records:
            found += [
                _("profile %(number)d: %(field)s") % {"number": record.number, "field": name}
                for name in record.unknown
            ]
        return found

    @property
    def to_create(self) -> int:
        return len(self.records) - len(self.skipped)


class ImportRefusedError(DomainError):
    """The file cannot be imported as it is; `plan` says why, profile by profile."""

    def __init__(self, message: str, plan: ImportPlan) -> None:
        super().__init__(message)
        self.plan = plan


class _DryRunError(Exception):
    """Raised to roll the check's transaction back."""


def _plan(data: bytes, filename: str) -> ImportPlan:
    document = documents.read(data, filename)
    return ImportPlan(
        document,
        [records.check(raw, number) for number, raw in enumerate(document.profiles, start=1)],
    )


def _terms(model: Any, names: list[str], record: Record, label: str) -> list[Any]:
    """Active terms of a vocabulary by name or short name; the others are named in a note."""
    wanted = {name.lower() for name in names}
    terms = list(
        model.objects.active()
        .annotate(lower_name=Lower("name"))
        .filter(Q(lower_name__in=wanted) | Q(slug__in=wanted))
    )
    known = {term.name.lower() for term in terms} | {term.slug for term in terms}
    for name in names:
        if name.lower() not in known:
            record.notes.append(
                _("%(field)s: “%(name)s” is not in this network's vocabulary and is left out.")
                % {"field": label, "name": name}
            )
    return terms


def _duplicate(record: Record, organisation: Organisation, seen: set[tuple[str, str]]) -> bool:
    key = (str(record.fields.get("kind")), record.title.lower())
    exists = CooperationProfile.objects.filter(
        organisation=organisation, kind=key[0], title__iexact=record.title
    ).exists()
    if key in seen or exists:
        record.notes.append(
            _(
                "The organisation already has this profile (same type and title); it is not "
                "imported again."
            )
        )
        return True
    seen.add(key)
    return False


def _create_all(
    plan: ImportPlan, organisation: Organisation, acting_user: User | None
) -> list[CooperationProfile]:
    """Create every profile that has no error; the errors of the others go to their record."""
    created: list[CooperationProfile] = []
    seen: set[tuple[str, str]] = set()
    for record in plan.records:
        if record.errors:
            continue
        if _duplicate(record, organisation, seen):
            plan.skipped.add(record.number)
            continue
        fields = {
            **record.fields,
            "competences": _terms(Competence, record.competence_names, record, "competences"),
            "ris3_fields": _terms(Ris3Field, record.ris3_names, record, "ris3_fields"),
        }
        try:
            created.append(profile_create(organisation, acting_user=acting_user, **fields))
        except DomainError as error:
            name = FORMAT_NAMES.get(error.field or "", error.field)
            record.errors.append(
                _("%(field)s: %(message)s") % {"field": name, "message": error.message}
                if name
                else error.message
            )
    return created


def een_import_check(
    data: bytes, filename: str, *, organisation: Organisation, acting_user: User | None
) -> ImportPlan:
    """What importing the file for `organisation` would do; writes nothing. A file that
    cannot be read at all raises `documents.EenFileError`."""
    plan = _plan(data, filename)
    try:
        with transaction.atomic():
            _create_all(plan, organisation, acting_user)
            raise _DryRunError
    except _DryRunError:
        pass
    return plan


@transaction.atomic
def een_profiles_import(
    data: bytes,
    filename: str,
    *,
    organisation: Organisation,
    acting_user: User | None,
    leave_out_unknown: bool,
) -> list[CooperationProfile]:
    """Create the file's profiles as drafts of `organisation`, all or none. Fields the format
    does not know are left out only when the person confirmed it (`leave_out_unknown`)."""
    plan = _plan(data, filename)
    if plan.unknown and not leave_out_unknown:
        raise ImportRefusedError(
            _("The file has fields the format does not know. Confirm that they are left out."),
            plan,
        )
    created = _create_all(plan, organisation, acting_user)
    if plan.errors:
        raise ImportRefusedError(_("The file was not imported: correct the errors listed."), plan)
    audit.record(
        organisation,
        "matching.profile.een_imported",
        user=acting_user,
        data={"file": filename[:200], "created": len(created), "skipped": len(plan.skipped)},
    )
    return created


@transaction.atomic
def een_export(
    profiles: list[CooperationProfile], file_format: str, *, acting_user: User | None
) -> bytes:
    """The profiles as one file of the format (`json` or `xml`), recorded in the audit log.
    Contact people are not part of it: personal data stays in the registry."""
    entries = []
    for profile in profiles:
        entries.append(
            records.profile_record(
                profile,
                competences=[term.name for term in profile.competences.all()],
                ris3_fields=[term.name for term in profile.ris3_fields.all()],
            )
        )
    exported_at = timezone.localtime().isoformat(timespec="seconds")
    audit.record(
        profiles[0] if len(profiles) == 1 else None,
        "matching.profile.een_exported",
        user=acting_user,
        data={"format": file_format, "profiles": [profile.pk for profile in profiles[:MAX_LOGGED]]},
    )
    return documents.write(entries, file_format, exported_at=exported_at)
