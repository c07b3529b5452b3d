"""The office's interaction log: record and change contacts, close follow-ups."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import Affiliation, Interaction, Organisation, Person

FIELDS = (
    "kind", "happened_on", "organisation", "person", "topic", "notes", "follow_up_on", "staff",
)  # fmt: skip


def validate_partners(organisation: Organisation | None, person: Person | None) -> None:
    """An interaction concerns an organisation, a person or both; if both, the person must
    have (or have had) a role at that organisation."""
    if organisation is None and person is None:
        raise DomainError(_("Please choose an organisation, a person or both."))
    if organisation is None or person is None:
        return
    if not Affiliation.objects.filter(person=person, organisation=organisation).exists():
        raise DomainError(
            _("%(person)s has no role at %(organisation)s.")
            % {"person": person, "organisation": organisation},
            field="person",
        )


def _with_owner(data: Mapping[str, Any], acting_user: User | None) -> dict[str, Any]:
    """Without a named staff member, the acting one owns the contact and its follow-up."""
    data = dict(data)
    if data.get("staff") is None and getattr(acting_user, "is_authenticated", False):
        data["staff"] = acting_user
    return data


def _apply(interaction: Interaction, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for field in FIELDS:
        if field in data and getattr(interaction, field) != data[field]:
            setattr(interaction, field, data[field])
            changed.append(field)
    validate_partners(interaction.organisation, interaction.person)
    if interaction.follow_up_on is None:
        interaction.follow_up_done = False
    try:
        interaction.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    return changed


@transaction.atomic
def interaction_record(*, data: Mapping[str, Any], acting_user: User | None) -> Interaction:
    """Log a contact of the office; the acting staff member is its owner unless another is
    named."""
    interaction = Interaction()
    _apply(interaction, _with_owner(data, acting_user))
    interaction.save()
    audit.record(interaction, "partners.interaction.recorded", user=acting_user)
    return interaction


@transaction.atomic
def interaction_update(
    interaction: Interaction, *, data: Mapping[str, Any], acting_user: User | None
) -> Interaction:
    """Change a logged contact; a new follow-up date reopens the follow-up."""
    current = Interaction.objects.select_for_update().get(pk=interaction.pk)
    old_follow_up = current.follow_up_on
    changed = _apply(current, _with_owner(data, acting_user))
    if current.follow_up_on != old_follow_up:
        current.follow_up_done = False
    current.save()
    audit.record(
        current, "partners.interaction.updated", user=acting_user, data={"fields": changed}
    )
    return current


@transaction.atomic
def follow_up_done(interaction: Interaction, *, acting_user: User | None) -> Interaction:
    """Mark the follow-up of an interaction as done."""
    current = Interaction.objects.select_for_update().get(pk=interaction.pk)
    if current.follow_up_on is None:
        raise DomainError(_("This contact has no follow-up."))
    if current.follow_up_done:
        return current
    current.follow_up_done = True
    current.save(update_fields=["follow_up_done", "updated_at"])
    audit.record(current, "partners.interaction.follow_up_done", user=acting_user)
    return current
