"""Units (research groups, departments) of an organisation: create, change, delete, audited."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import Organisation, Unit

UNIT_FIELDS = ("name", "kind", "description", "keywords", "website")


def _check_name(organisation: Organisation, name: str, *, exclude: int | None = None) -> None:
    clash = Unit.objects.filter(organisation=organisation, name__iexact=name.strip())
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(
            _("%(organisation)s already has a unit named “%(name)s”.")
            % {"organisation": organisation.name, "name": name},
            field="name",
        )


def _apply(unit: Unit, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in UNIT_FIELDS:
        if name in data and getattr(unit, name) != data[name]:
            setattr(unit, name, data[name])
            changed.append(name)
    try:
        unit.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    return changed


def _save(unit: Unit, data: Mapping[str, Any]) -> list[str]:
    changed = []
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as error:  # a concurrent save took the name after our check
        raise DomainError(_("A unit with this name already exists."), field="name") from error
    if "competences" in data:
        unit.competences.set(data["competences"])
        changed.append("competences")
    return changed


@transaction.atomic
def unit_create(
    organisation: Organisation, *, data: Mapping[str, Any], acting_user: User | None
) -> Unit:
    """Add a unit to an organisation; names are unique within the organisation."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    _check_name(organisation, data.get("name") or "")
    unit = Unit(organisation=organisation)
    _apply(unit, data)
    _save(unit, data)
    audit.record(unit, "partners.unit.created", user=acting_user)
    return unit


@transaction.atomic
def unit_update(unit: Unit, *, data: Mapping[str, Any], acting_user: User | None) -> Unit:
    """Change a unit's own fields and competences; its organisation never changes here."""
    current = Unit.objects.select_for_update().select_related("organisation").get(pk=unit.pk)
    if "name" in data:
        _check_name(current.organisation, data["name"] or "", exclude=current.pk)
    changed = _apply(current, data)
    changed += _save(current, data)
    audit.record(current, "partners.unit.updated", user=acting_user, data={"fields": changed})
    return current


@transaction.atomic
def unit_delete(unit: Unit, *, acting_user: User | None) -> None:
    """Remove a unit; people's roles at it stay as roles at the organisation."""
    audit.record(
        unit, "partners.unit.deleted", user=acting_user, data={"organisation": unit.organisation_id}
    )
    unit.delete()
