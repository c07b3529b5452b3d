"""The office's international work: record and change international contacts and delegation
visits. One rule (`validate_international`) serves the form and the service."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import InternationalActivity

HOME_COUNTRY = "DE"  # the country the network works in: a contact there is not international
FIELDS = ("kind", "direction", "happened_on", "topic", "visitors", "network", "notes")
RELATIONS = ("countries", "organisations")
Kind = InternationalActivity.Kind


def validate_international(data: Mapping[str, Any]) -> None:
    """A delegation visit has a direction and the number of people who travelled; a contact
    has neither. Each names at least one country abroad."""
    kind = data.get("kind")
    if kind not in Kind.values:
        raise DomainError(_("Choose whether it was a contact or a delegation visit."), field="kind")
    if kind == Kind.DELEGATION:
        if not data.get("direction"):
            raise DomainError(
                _("Say whether the delegation came to us or travelled abroad."), field="direction"
            )
        if not data.get("visitors"):
            raise DomainError(_("Give the number of people in the delegation."), field="visitors")
    else:
        if data.get("direction"):
            raise DomainError(_("Only a delegation visit has a direction."), field="direction")
        if data.get("visitors"):
            raise DomainError(
                _("Only a delegation visit has a number of people."), field="visitors"
            )
    countries = list(data.get("countries") or ())
    if not countries:
        raise DomainError(_("Choose at least one country."), field="countries")
    if all(country.code == HOME_COUNTRY for country in countries):
        raise DomainError(
            _("Choose at least one country abroad; contacts at home are recorded as contacts."),
            field="countries",
        )


def _apply(activity: InternationalActivity, data: Mapping[str, Any]) -> list[str]:
    validate_international(data)
    changed = []
    for name in FIELDS:
        value = data.get(name)
        if name == "direction" or name == "notes":
            value = value or ""
        if getattr(activity, name) != value:
            setattr(activity, name, value)
            changed.append(name)
    try:
        activity.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    return changed


def _set_relations(activity: InternationalActivity, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in RELATIONS:
        wanted = {item.pk for item in data.get(name) or ()}
        manager = getattr(activity, name)
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            changed.append(name)
    return changed


@transaction.atomic
def international_record(
    *, data: Mapping[str, Any], acting_user: User | None
) -> InternationalActivity:
    """Record an international contact or a delegation visit; the acting staff member is its
    owner."""
    activity = InternationalActivity()
    _apply(activity, data)
    if getattr(acting_user, "is_authenticated", False):
        activity.staff = acting_user
    activity.save()
    _set_relations(activity, data)
    audit.record(activity, "partners.international.recorded", user=acting_user)
    return activity


@transaction.atomic
def international_update(
    activity: InternationalActivity, *, data: Mapping[str, Any], acting_user: User | None
) -> InternationalActivity:
    """Change a recorded international activity (fields, countries and organisations)."""
    current = InternationalActivity.objects.select_for_update().get(pk=activity.pk)
    changed = _apply(current, data)
    current.save()
    changed += _set_relations(current, data)
    audit.record(
        current, "partners.international.updated", user=acting_user, data={"fields": changed}
    )
    return current
