"""Registrations meet the partner registry: the same person is one Person, however often and
however they register. An exact e-mail match links; otherwise a new Person is created, and an
organisation named exactly like a registry entry (after the registry's name normalisation)
gets the person as a contact. Fuzzy organisation matches are left to the office, which sees
the duplicate candidates on the registration page."""

from typing import Any

from django.db import transaction

from innonet.core import audit
from innonet.partners.duplicates import exact_name
from innonet.partners.models import Affiliation, Organisation, Person

from ..models import Registration


def _organisation_named(name: str) -> Organisation | None:
    key = exact_name(name)
    if not key:
        return None
    candidates = Organisation.objects.filter(search_text__contains=key.split()[0][:60])
    for organisation in candidates.only("pk", "name")[:50]:
        if exact_name(organisation.name) == key:
            return organisation
    return None


def link_to_registry(registration: Registration, *, user: Any = None) -> None:
    """Set `registration.person` and `.organisation` (not saved here)."""
    person = registration.person or (
        Person.objects.present().filter(email__iexact=registration.email).order_by("pk").first()
    )
    if person is None:
        person = Person.objects.create(
            first_name=registration.first_name[:80],
            last_name=registration.last_name[:80],
            email=registration.email,
            language=registration.language,
        )
        audit.record(
            person, "partners.person.created", data={"source": f"event:{registration.event_id}"}
        )
    registration.person = person
    organisation = registration.organisation
    if organisation is None and user is not None and getattr(user, "organisation_id", None):
        organisation = user.organisation
    if organisation is None and registration.organisation_name:
        organisation = _organisation_named(registration.organisation_name)
    if organisation is None:
        current = person.affiliations.filter(ended_on__isnull=True).select_related("organisation")
        affiliation = current.order_by("-is_main_contact", "pk").first()
        organisation = affiliation.organisation if affiliation else None
    registration.organisation = organisation
    if organisation is not None:
        Affiliation.objects.get_or_create(
            person=person,
            organisation=organisation,
            unit=None,
            defaults={"position": registration.position[:120]},
        )


@transaction.atomic
def registration_link_organisation(
    registration: Registration, *, organisation: Organisation, acting_user: Any
) -> Registration:
    """The office says which registry organisation a typed organisation name means; the
    person becomes its contact."""
    registration.organisation = organisation
    registration.save(update_fields=["organisation", "updated_at"])
    if registration.person_id is not None:
        Affiliation.objects.get_or_create(
            person_id=registration.person_id,
            organisation=organisation,
            unit=None,
            defaults={"position": registration.position[:120]},
        )
    audit.record(
        registration,
        "events.registration.organisation_linked",
        user=acting_user,
        data={"organisation": organisation.pk},
    )
    return registration
