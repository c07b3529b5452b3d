"""GDPR rights of one person: access (export) and erasure that keeps statistics right."""

import secrets
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.models.audit import redact_object_labels

from ..models import Person

ERASED_NAME = "—"


def person_export_data(person: Person, *, acting_user: Any) -> dict[str, Any]:
    """Everything the registry holds about one person (GDPR Art. 15), as plain data.

    The export itself is audited: who exported whose data, when."""
    affiliations = person.affiliations.select_related("organisation", "unit")
    data = {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "title": person.title,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "language": person.language,
            "created_at": person.created_at.isoformat(),
            "updated_at": person.updated_at.isoformat(),
        },
        "roles": [
            {
                "organisation": a.organisation.name,
                "unit": a.unit.name if a.unit else None,
                "position": a.position,
                "main_contact": a.is_main_contact,
                "since": a.started_on.isoformat() if a.started_on else None,
                "until": a.ended_on.isoformat() if a.ended_on else None,
            }
            for a in affiliations
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "granted": c.granted,
                "organisation": c.organisation.name if c.organisation else None,
                "recorded_at": c.recorded_at.isoformat(),
                "source": c.source,
                "text_version": c.text_version,
            }
            for c in person.consents.select_related("organisation")
        ],
        "interactions": [
            {
                "date": i.happened_on.isoformat(),
                "kind": i.kind,
                "topic": i.topic,
                "notes": i.notes,
                "organisation": i.organisation.name if i.organisation else None,
            }
            for i in person.interactions.select_related("organisation")
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.status,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "email": r.email,
                "organisation": r.organisation_name,
                "position": r.position,
                "phone": r.phone,
                "dietary_requirements": r.dietary_requirements,
                "remarks": r.remarks,
                "consent_version": r.consent_version,
                "consented_at": r.consented_at.isoformat() if r.consented_at else None,
                "checked_in": r.attended_at.isoformat() if r.attended_at else None,
                "feedback": _feedback(r),
            }
            for r in person.registrations.select_related("event", "feedback")
        ],
        "changes": [
            {"time": h.history_date.isoformat(), "type": h.history_type}
            for h in person.history.all()
        ],
    }
    audit.record(person, "partners.person.exported", user=acting_user)
    return data


def _feedback(registration: Any) -> dict[str, Any] | None:
    feedback = getattr(registration, "feedback", None)
    return {"rating": feedback.rating, "comment": feedback.comment} if feedback else None


@transaction.atomic
def person_erase(person: Person, *, reason: str, acting_user: Any) -> Person:
    """Replace a person's identity with a tombstone (GDPR Art. 17).

    The record, its roles and its consent log stay, so past counts (people per organisation,
    participants, consents given) remain right; names, contact data, positions, the field
    history and the names in audit labels are gone."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise DomainError(_("This person has already been erased."))
    if not (reason or "").strip():
        raise DomainError(_("Please give the reason for the erasure."), field="reason")
    person.title = person.first_name = person.email = person.phone = ""
    person.last_name = ERASED_NAME
    person.erased_at = timezone.now()
    person.version += 1
    person.save()
    person.affiliations.update(position="")
    _erase_registrations(person)
    person.history.all().delete()
    content_type = ContentType.objects.get_for_model(Person)
    redact_object_labels(content_type.pk, str(person.pk), str(person))
    audit.record(person, "partners.person.erased", user=acting_user, data={"reason": reason[:300]})
    return person


def _erase_registrations(person: Person) -> None:
    """Event registrations keep their status and check-in (the event's figures stay right);
    everything that identifies the person goes, and new secrets void the links in old mails."""
    for registration in person.registrations.all():
        registration.first_name = ""
        registration.last_name = ERASED_NAME
        registration.email = f"erased-{registration.pk}@invalid"
        registration.phone = registration.position = registration.dietary_requirements = ""
        registration.remarks = registration.organisation_name = ""
        registration.secret = secrets.token_urlsafe(24)
        registration.save()
        feedback = getattr(registration, "feedback", None)
        if feedback is not None and feedback.comment:
            feedback.comment = ""
            feedback.save(update_fields=["comment", "updated_at"])


def people_past_retention(*, years: int):
    """People with no change, contact or consent in the last `years` years (and not erased)."""
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


def person_record_view(person: Person, *, acting_user: Any) -> None:
    """Log who opened a person's record (GDPR accountability), at most once per user an hour."""
    from datetime import timedelta

    from innonet.core.models import AuditEntry

    since = timezone.now() - timedelta(hours=1)
    seen = AuditEntry.objects.for_object(person).filter(
        action="partners.person.viewed", actor=acting_user, created_at__gte=since
    )
    if not seen.exists():
        audit.record(person, "partners.person.viewed", user=acting_user)
