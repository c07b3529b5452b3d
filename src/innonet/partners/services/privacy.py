"""GDPR rights of one person: access (export) and erasure that keeps statistics right. What
each app holds is found and erased by its contributor (`innonet.core.privacy`)."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, privacy
from innonet.core.access_log import (
    AccessKind,
    DescribedAccess,
    access_record,
    access_record_quietly,
    described_in_chunks,
)
from innonet.core.errors import DomainError
from innonet.core.exports import ExportFile
from innonet.core.models import PersonalDataAccess

from ..models import Person


def person_export(
    person: Person, *, acting_user: User | None, source: str = "person data export"
) -> privacy.Export:
    """Everything every app holds about one person (GDPR Art. 15 and 20), collected once for
    the JSON and the PDF. The export itself is audited and written to the access log (who
    exported whose data, when); when that fails, there is no export."""
    export = privacy.collect(privacy.Identity(person_id=person.pk))
    with transaction.atomic():
        audit.record(person, "partners.person.exported", user=acting_user)
        access_record(
            "partners.person",
            [person.pk],
            kind=AccessKind.EXPORTED,
            source=source,
            user=acting_user,
        )
    return export


def person_export_data(person: Person, *, acting_user: User | None) -> dict[str, Any]:
    """The export as plain data (the JSON download)."""
    export = person_export(person, acting_user=acting_user, source="person data export (JSON)")
    return export.as_data()


@transaction.atomic
def person_erase(person: Person, *, reason: str, acting_user: User | None) -> Person:
    """Replace a person's identity with a tombstone in every app (GDPR Art. 17), in one
    transaction and with one audit entry. Records stay, so every count stays right; names,
    contact data, their free text and mentions of them elsewhere are gone."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise DomainError(_("This person has already been erased."))
    if not (reason or "").strip():
        raise DomainError(_("Please give the reason for the erasure."), field="reason")
    identity = privacy.identify(privacy.Identity(person_id=person.pk))
    if getattr(acting_user, "pk", None) in identity.user_ids:
        raise DomainError(_("You cannot erase yourself: your own user account is this person's."))
    reason = identity.redact(reason.strip())[:300]
    changed = privacy.erase(identity)
    person.refresh_from_db()
    audit.record(
        person, "partners.person.erased", user=acting_user, data={"reason": reason, **changed}
    )
    return person


MAX_RETENTION_YEARS = 100


def people_past_retention(*, years: int) -> QuerySet[Person]:
    """People with no change, contact or consent in the last `years` years (and not erased).
    A period below one year would flag (and with erasure, erase) everyone: it is refused."""
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise DomainError(
            _("The retention period is 1 to %(max)d years.") % {"max": MAX_RETENTION_YEARS},
            field="years",
        )
    from datetime import timedelta

    from django.db.models import Max, Q

    cutoff = timezone.now() - timedelta(days=365 * years)
    return (
        Person.objects.present()
        .annotate(
            last_contact=Max("interactions__happened_on"),
            last_consent=Max("consents__recorded_at"),
            last_registration=Max("registrations__created_at"),
        )
        .filter(updated_at__lt=cutoff)
        .filter(Q(last_contact__isnull=True) | Q(last_contact__lt=cutoff.date()))
        .filter(Q(last_consent__isnull=True) | Q(last_consent__lt=cutoff))
        .filter(Q(last_registration__isnull=True) | Q(last_registration__lt=cutoff))
    )


def person_record_view(person: Person, *, acting_user: User | None) -> None:
    """Log who opened a person's record (GDPR accountability): every view in the access log,
    and an audit entry at most once per user an hour."""
    access_record_quietly(
        "partners.person",
        [person.pk],
        kind=AccessKind.VIEWED,
        source="partners:person_detail",
        user=acting_user,
    )
    from datetime import timedelta

    from innonet.core.models import AuditEntry

    since = timezone.now() - timedelta(hours=1)
    seen = AuditEntry.objects.for_object(person).filter(
        action="partners.person.viewed", actor=acting_user, created_at__gte=since
    )
    if not seen.exists():
        audit.record(person, "partners.person.viewed", user=acting_user)


def people_api_read(person_ids: list[int], *, acting_user: User | None, source: str) -> None:
    """Log the people an API answer showed (one insert for a whole page of a list)."""
    access_record_quietly(
        "partners.person", person_ids, kind=AccessKind.API, source=source, user=acting_user
    )


ACCESS_COLUMNS = (
    "created_at", "actor_label", "kind", "source", "subject_type", "subject_id", "request_id",
)  # fmt: skip


def person_accesses_export(person: Person, *, acting_user: User | None) -> ExportFile:
    """Who opened or exported the person's data, as CSV for a data-protection request; the
    download is audited."""
    from innonet.core.exports import Column, export

    from ..queries import person_accesses

    labels = privacy.field_labels(PersonalDataAccess, *ACCESS_COLUMNS)

    def label(name: str) -> str:
        return labels[name]

    columns: list[Column[DescribedAccess]] = [
        Column(label("created_at"), lambda item: item.access.created_at),
        Column(label("actor_label"), lambda item: item.access.actor_label),
        Column(label("kind"), lambda item: item.access.get_kind_display()),
        Column(label("source"), lambda item: item.source),
        Column(_("record"), lambda item: item.record),
        Column(label("subject_type"), lambda item: item.access.subject_type),
        Column(label("subject_id"), lambda item: item.access.subject_id),
        Column(label("request_id"), lambda item: item.access.request_id),
    ]
    return export(
        described_in_chunks(person_accesses(person)),
        columns=columns,
        fmt="csv",
        title=_("Accesses to personal data"),
        action="partners.person.accesses_exported",
        acting_user=acting_user,
        target=person,
        name_suffix=str(person.pk),
    )
