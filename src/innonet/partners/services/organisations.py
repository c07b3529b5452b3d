"""Create and change organisations: validation, optimistic locking, audit."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions
from innonet.core.errors import DomainError

from ..models import Organisation

SCALAR_FIELDS = (
    "name", "legal_form", "kind", "employees", "annual_turnover", "balance_sheet_total",
    "register_id", "vat_id", "street", "postcode", "city", "district", "country", "website",
    "email", "phone", "description", "keywords", "logo",
)  # fmt: skip
MANY_FIELDS = ("competences", "ris3_fields")


class OrganisationConflictError(DomainError):
    """Someone else saved the organisation since it was loaded; carries the current record."""

    def __init__(self, current: Organisation) -> None:
        super().__init__(
            _(
                "%(name)s was changed by someone else in the meantime. Please check the "
                "current data and apply your change again."
            )
            % {"name": current.name}
        )
        self.current = current


def _apply(organisation: Organisation, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for field in SCALAR_FIELDS:
        if field in data and getattr(organisation, field) != data[field]:
            setattr(organisation, field, data[field])
            changed.append(field)
    try:
        organisation.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    return changed


def _many_changes(organisation: Organisation, data: Mapping[str, Any]) -> list[str]:
    """The many-to-many fields in `data` whose set of terms differs from the stored one."""
    changed = []
    for field in MANY_FIELDS:
        if field in data:
            stored = set(getattr(organisation, field).values_list("pk", flat=True))
            if stored != {getattr(term, "pk", term) for term in data[field]}:
                changed.append(field)
    return changed


def _set_many(organisation: Organisation, data: Mapping[str, Any], fields: list[str]) -> None:
    for field in fields:
        getattr(organisation, field).set(data[field])


@transaction.atomic
def organisation_create(*, data: Mapping[str, Any], acting_user: User | None) -> Organisation:
    """Register a new organisation; its SME class is derived from the figures."""
    organisation = Organisation()
    _apply(organisation, data)
    organisation.save()
    _set_many(organisation, data, [field for field in MANY_FIELDS if field in data])
    audit.record(organisation, "partners.organisation.created", user=acting_user)
    return organisation


@transaction.atomic
def organisation_update(
    organisation: Organisation,
    *,
    data: Mapping[str, Any],
    expected_version: int | None,
    acting_user: User | None,
) -> Organisation:
    """Change an organisation. With `expected_version`, a save based on stale data is refused
    with the current record instead of silently overwriting another editor's change. A field
    the acting user may not change (a member and the SME figures) is refused, whatever the
    path the change came by."""
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if expected_version is not None and current.version != expected_version:
        raise OrganisationConflictError(current)
    many = _many_changes(current, data)
    changed = _apply(current, data)
    permissions.check_change(acting_user, current, [*changed, *many])
    current.version += 1
    current.save()
    _set_many(current, data, many)
    changed += many
    audit.record(
        current, "partners.organisation.updated", user=acting_user, data={"fields": changed}
    )
    return current
