"""Create and change organisations: validation, optimistic locking, audit."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from innonet.accounts.models import User
from innonet.core import audit, versioning
from innonet.core.errors import DomainError

from ..models import Organisation

SCALAR_FIELDS = (
    "name", "legal_form", "kind", "employees", "annual_turnover", "balance_sheet_total",
    "register_id", "vat_id", "street", "postcode", "city", "district", "country", "website",
    "email", "phone", "description", "keywords", "logo", "member_visibility",
)  # fmt: skip
MANY_FIELDS = ("competences", "ris3_fields")
FIELDS = SCALAR_FIELDS + MANY_FIELDS


def _clean(organisation: Organisation, _changed: object = None) -> None:
    """The model's own rules, the first failure as a DomainError on its field."""
    try:
        organisation.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


@transaction.atomic
def organisation_create(*, data: Mapping[str, Any], acting_user: User | None) -> Organisation:
    """Register a new organisation; its SME class is derived from the figures."""
    organisation = Organisation(created_by=versioning.creator(acting_user))
    changed = versioning.apply_changes(organisation, data, FIELDS)
    _clean(organisation)
    organisation.save()
    versioning.set_many(organisation, data, changed)
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
    current, _changed = versioning.versioned_update(
        organisation,
        data=data,
        fields=FIELDS,
        expected_version=expected_version,
        acting_user=acting_user,
        action="partners.organisation.updated",
        validate=_clean,
    )
    return current
