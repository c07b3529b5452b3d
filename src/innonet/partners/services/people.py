"""Create and change people, their roles at organisations and their consent log."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, versioning
from innonet.core.errors import DomainError

from ..models import Affiliation, Consent, ConsentPurpose, Organisation, Person, Unit

PERSON_FIELDS = ("title", "first_name", "last_name", "email", "phone", "language")
# Both are CharFields, which always have a max_length.
SOURCE_MAX = Consent._meta.get_field("source").max_length or 0
TEXT_VERSION_MAX = Consent._meta.get_field("text_version").max_length or 0


def _full_clean(obj: Any, *, exclude: list[str] | None = None) -> None:
    """Model validation as a DomainError on the first failing field."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def _validate(person: Person, _changed: object = None) -> None:
    person.email = (person.email or "").strip()
    _full_clean(person)


def _not_erased(person: Person) -> None:
    if person.erased_at is not None:
        raise DomainError(_("This person's data has been erased and cannot be changed."))


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def person_create(
    *,
    data: Mapping[str, Any],
    organisation: Organisation | None = None,
    position: str = "",
    acting_user: User | None,
) -> Person:
    """Register a person; with `organisation`, also their role there (one audit entry each)."""
    person = Person(created_by=versioning.creator(acting_user))
    versioning.apply_changes(person, data, PERSON_FIELDS)
    _validate(person)
    person.save()
    audit.record(person, "partners.person.created", user=acting_user)
    if organisation is not None:
        affiliation_add(
            person, organisation=organisation, position=position, acting_user=acting_user
        )
    return person


@transaction.atomic
def person_for_contact(
    *,
    email: str,
    first_name: str,
    last_name: str,
    language: str,
    source: str,
    acting_user: User | None,
) -> Person:
    """The registry's person with this e-mail address, or a new one; for other apps that meet
    people (event registrations) and must not keep a second record of them."""
    found = Person.objects.present().filter(email__iexact=email).order_by("pk").first()
    if found is not None:
        return found
    person = Person.objects.create(
        first_name=first_name[:80],
        last_name=last_name[:80],
        email=email,
        language=language,
        created_by=versioning.creator(acting_user),
    )
    audit.record(person, "partners.person.created", user=acting_user, data={"source": source})
    return person


@transaction.atomic
def affiliation_ensure(
    person: Person, *, organisation: Organisation, position: str = "", acting_user: User | None
) -> Affiliation:
    """The person's role at the organisation as a whole, added when missing. Callers decide
    that the link is certain: the office, or the organisation's own member user."""
    existing = Affiliation.objects.filter(person=person, organisation=organisation, unit=None)
    return existing.first() or affiliation_add(
        person, organisation=organisation, position=position[:120], acting_user=acting_user
    )


@transaction.atomic
def person_update(
    person: Person,
    *,
    data: Mapping[str, Any],
    expected_version: int | None,
    acting_user: User | None,
) -> Person:
    """Change a person's data. With `expected_version`, a save based on stale data is refused
    with the current record instead of silently overwriting another editor's change."""
    current, _changed = versioning.versioned_update(
        person,
        data=data,
        fields=PERSON_FIELDS,
        expected_version=expected_version,
        acting_user=acting_user,
        action="partners.person.updated",
        guard=_not_erased,
        validate=_validate,
    )
    return current


def _check_dates(started_on: date | None, ended_on: date | None) -> None:
    if started_on and ended_on and ended_on < started_on:
        raise DomainError(_("The end date must not be before the start date."), field="ended_on")


@transaction.atomic
def affiliation_add(
    person: Person,
    *,
    organisation: Organisation,
    unit: Unit | None = None,
    position: str = "",
    is_main_contact: bool = False,
    started_on: date | None = None,
    ended_on: date | None = None,
    acting_user: User | None,
) -> Affiliation:
    """Give a person a role at an organisation (optionally in one of its units)."""
    if person.erased_at is not None:
        raise DomainError(_("This person's data has been erased and cannot be changed."))
    if unit is not None and unit.organisation_id != organisation.pk:
        raise DomainError(_("The unit does not belong to this organisation."), field="unit")
    _check_dates(started_on, ended_on)
    duplicate = Affiliation.objects.filter(person=person, organisation=organisation, unit=unit)
    if duplicate.exists():
        raise DomainError(
            _("%(person)s already has a role at %(organisation)s.")
            % {"person": person, "organisation": organisation},
            field="organisation",
        )
    affiliation = Affiliation(
        person=person,
        organisation=organisation,
        unit=unit,
        position=(position or "").strip(),
        is_main_contact=is_main_contact,
        started_on=started_on,
        ended_on=ended_on,
    )
    _full_clean(affiliation, exclude=["person", "organisation", "unit"])
    affiliation.save()
    audit.record(
        person,
        "partners.person.role_added",
        user=acting_user,
        data={"organisation": organisation.pk, "affiliation": affiliation.pk},
    )
    return affiliation


@transaction.atomic
def affiliation_end(
    affiliation: Affiliation, *, ended_on: date, acting_user: User | None
) -> Affiliation:
    """End a person's role at an organisation; the role stays on record with its dates."""
    current = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if current.ended_on is not None:
        raise DomainError(_("This role has already ended."), field="ended_on")
    _check_dates(current.started_on, ended_on)
    current.ended_on = ended_on
    current.is_main_contact = False
    current.save(update_fields=["ended_on", "is_main_contact", "updated_at"])
    audit.record(
        current.person,
        "partners.person.role_ended",
        user=acting_user,
        data={"organisation": current.organisation_id, "affiliation": current.pk},
    )
    return current


@transaction.atomic
def consent_record(
    person: Person,
    *,
    purpose: str,
    granted: bool,
    source: str,
    text_version: str,
    organisation: Organisation | None = None,
    acting_user: User | None,
) -> Consent:
    """Append a grant or withdrawal to the person's consent log; earlier entries stay."""
    if purpose not in ConsentPurpose.values:
        raise DomainError(_("Unknown consent purpose."), field="purpose")
    if person.erased_at is not None:
        raise DomainError(_("This person's data has been erased and cannot be changed."))
    source, text_version = (source or "").strip(), (text_version or "").strip()
    if not source:
        raise DomainError(_("Please say where the consent was given."), field="source")
    if not text_version:
        raise DomainError(_("Please give the version of the consent text."), field="text_version")
    if len(source) > SOURCE_MAX or len(text_version) > TEXT_VERSION_MAX:
        raise DomainError(_("Source or text version is too long."), field="source")
    consent = Consent.objects.create(
        person=person,
        organisation=organisation,
        purpose=purpose,
        granted=granted,
        source=source,
        text_version=text_version,
        recorded_by=_user_or_none(acting_user),
    )
    audit.record(
        person,
        "partners.consent.granted" if granted else "partners.consent.withdrawn",
        user=acting_user,
        data={"purpose": purpose, "consent": consent.pk, "at": timezone.now().isoformat()},
    )
    return consent
