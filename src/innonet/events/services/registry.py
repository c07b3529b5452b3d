"""Registrations meet the partner registry: the same person is one Person, however often and
however they register. An exact e-mail match links (the address confirmed the registration);
otherwise the registry's service creates the person.

An organisation is linked only when it is certain: the signed-in member's own organisation, the
person's current role in the registry, or a name the office typed. A name typed into a public
form is only a suggestion (RELIABILITY 39): the office sees the matching registry entries on the
registration page and confirms one, so nobody can make themselves a contact of an organisation
by naming it. The registry's people and roles are written by the partners app's services."""

from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions
from innonet.partners import services as registry
from innonet.partners.duplicates import exact_name
from innonet.partners.models import Organisation

from ..models import Registration


def organisation_named(name: str) -> Organisation | None:
    """The registry entry whose normalised name is exactly `name`, if any."""
    key = exact_name(name)
    if not key:
        return None
    candidates = Organisation.objects.filter(search_text__contains=key.split()[0][:60])
    for organisation in candidates.only("pk", "name")[:50]:
        if exact_name(organisation.name) == key:
            return organisation
    return None


def _vouched_organisation(
    registration: Registration, user: User | None, acting_user: User | None
) -> Organisation | None:
    """The organisation someone entitled to say so named: a member registering themselves, or
    the office typing the name."""
    if registration.organisation is not None:
        return registration.organisation
    if user is not None and getattr(user, "organisation_id", None):
        return user.organisation
    if permissions.is_staff(acting_user) and registration.organisation_name:
        return organisation_named(registration.organisation_name)
    return None


def link_to_registry(
    registration: Registration, *, user: User | None = None, acting_user: User | None = None
) -> None:
    """Set `registration.person` and `.organisation` (not saved here); `user` is the member who
    registered themselves, `acting_user` whoever registered someone else."""
    person = registration.person or registry.person_for_contact(
        email=registration.email,
        first_name=registration.first_name,
        last_name=registration.last_name,
        language=registration.language,
        source=f"event:{registration.event_id}",
        acting_user=acting_user or user,
    )
    registration.person = person
    organisation = _vouched_organisation(registration, user, acting_user)
    if organisation is not None:
        registry.affiliation_ensure(
            person,
            organisation=organisation,
            position=registration.position,
            acting_user=acting_user or user,
        )
    else:
        current = person.affiliations.filter(ended_on__isnull=True).select_related("organisation")
        affiliation = current.order_by("-is_main_contact", "pk").first()
        organisation = affiliation.organisation if affiliation else None
    registration.organisation = organisation


@transaction.atomic
def registration_link_organisation(
    registration: Registration, *, organisation: Organisation, acting_user: User | None
) -> Registration:
    """The office says which registry organisation a typed organisation name means; the
    person becomes its contact. Only the office keeps the registry's links (RELIABILITY 39)."""
    if not permissions.is_staff(acting_user):
        raise permissions.NotPermittedError(
            _("Only the network office links registrations to the registry.")
        )
    registration.organisation = organisation
    registration.save(update_fields=["organisation", "updated_at"])
    if registration.person is not None and registration.person.erased_at is None:
        registry.affiliation_ensure(
            registration.person,
            organisation=organisation,
            position=registration.position,
            acting_user=acting_user,
        )
    audit.record(
        registration,
        "events.registration.organisation_linked",
        user=acting_user,
        data={"organisation": organisation.pk},
    )
    return registration
