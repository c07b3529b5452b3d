"""Agreements between networks: made, changed and ended by the office, each with an audit
entry. One rule set (`check_agreement`) serves the page and the service."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit, permissions
from innonet.core.errors import DomainError

from .models import SHARE_FIELDS, Network, NetworkAgreement

FIELDS = (
    "grantor", "grantee", *SHARE_FIELDS.values(), "valid_from", "valid_until", "signed_by",
    "signed_on",
)  # fmt: skip


def _overlapping(agreement: NetworkAgreement) -> bool:
    """Another agreement of the same direction whose period meets this one's."""
    others = NetworkAgreement.objects.filter(
        grantor_id=agreement.grantor_id, grantee_id=agreement.grantee_id
    ).exclude(pk=agreement.pk)
    if agreement.valid_until is not None:
        others = others.filter(valid_from__lte=agreement.valid_until)
    return any(
        other.valid_until is None or other.valid_until >= agreement.valid_from
        for other in others.only("valid_from", "valid_until")
    )


def check_agreement(agreement: NetworkAgreement) -> None:
    """Refuse an agreement of a network with itself, with its dates out of order, signed by
    someone outside the office, or overlapping another of the same direction."""
    if agreement.grantor_id is None:
        raise DomainError(_("Choose the granting network."), field="grantor")
    if agreement.grantee_id is None:
        raise DomainError(_("Choose the partner network."), field="grantee")
    if agreement.grantor_id == agreement.grantee_id:
        raise DomainError(_("A network cannot make an agreement with itself."), field="grantee")
    if agreement.valid_from is None:
        raise DomainError(_("Enter the date the agreement starts."), field="valid_from")
    if agreement.valid_until is not None and agreement.valid_until < agreement.valid_from:
        raise DomainError(_("The agreement cannot end before it starts."), field="valid_until")
    if agreement.signed_by is not None and not permissions.is_staff(agreement.signed_by):
        raise DomainError(_("Only a member of the office can sign."), field="signed_by")
    if not agreement.shares:
        raise DomainError(_("Choose at least one thing the agreement shares."))
    if _overlapping(agreement):
        raise DomainError(
            _("An agreement between these networks in this direction already covers part of "
              "this period."),
            field="valid_from",
        )  # fmt: skip


def _lock_pair(agreement: NetworkAgreement) -> None:
    """Two offices saving agreements of the same pair at once: the second waits and then sees
    the first (the overlap check would otherwise pass in both)."""
    pks = sorted(pk for pk in (agreement.grantor_id, agreement.grantee_id) if pk is not None)
    list(Network.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


def _save(agreement: NetworkAgreement) -> NetworkAgreement:
    _lock_pair(agreement)
    try:  # the fields first: the rules below compare and query the dates
        agreement.full_clean(
            exclude=["grantor", "grantee", "signed_by"], validate_constraints=False
        )
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
    check_agreement(agreement)
    agreement.save()
    return agreement


def _audit_data(agreement: NetworkAgreement) -> dict[str, Any]:
    return {
        "grantor": agreement.grantor_id,
        "grantee": agreement.grantee_id,
        "shares": agreement.shares,
        "valid_from": agreement.valid_from.isoformat(),
        "valid_until": agreement.valid_until.isoformat() if agreement.valid_until else None,
    }


def _check_office(acting_user: Any) -> None:
    if acting_user is not None and not permissions.is_staff(acting_user):
        raise permissions.NotPermittedError(_("Only the network office manages agreements."))


@transaction.atomic
def agreement_create(*, data: Mapping[str, Any], acting_user: Any | None) -> NetworkAgreement:
    """A new agreement: what the granting network shares with the partner network, and when."""
    _check_office(acting_user)
    agreement = NetworkAgreement(**{name: data[name] for name in FIELDS if name in data})
    _save(agreement)
    audit.record(
        agreement, "networks.agreement.created", user=acting_user, data=_audit_data(agreement)
    )
    return agreement


@transaction.atomic
def agreement_update(
    agreement: NetworkAgreement, *, data: Mapping[str, Any], acting_user: Any | None
) -> NetworkAgreement:
    """Change what an agreement shares or its period."""
    _check_office(acting_user)
    agreement = NetworkAgreement.objects.select_for_update().get(pk=agreement.pk)
    for name in FIELDS:
        if name in data:
            setattr(agreement, name, data[name])
    _save(agreement)
    audit.record(
        agreement, "networks.agreement.updated", user=acting_user, data=_audit_data(agreement)
    )
    return agreement


@transaction.atomic
def agreement_end(
    agreement: NetworkAgreement, *, on: date | None = None, acting_user: Any | None
) -> NetworkAgreement:
    """End an agreement: from the day after `on` (today by default) nothing is shared by it.
    An agreement that has not started yet ends before it starts, so it never takes effect."""
    _check_office(acting_user)
    agreement = NetworkAgreement.objects.select_for_update().get(pk=agreement.pk)
    on = on or timezone.localdate()
    if agreement.valid_until is not None and agreement.valid_until <= on:
        raise DomainError(_("This agreement has already ended."))
    if on < agreement.valid_from:
        # Never in force: the agreement keeps its record but covers no day at all.
        audit.record(
            agreement, "networks.agreement.withdrawn", user=acting_user,
            data=_audit_data(agreement),
        )  # fmt: skip
        agreement.delete()
        return agreement
    agreement.valid_until = on
    agreement.save(update_fields=["valid_until", "updated_at"])
    audit.record(
        agreement, "networks.agreement.ended", user=acting_user, data=_audit_data(agreement)
    )
    return agreement
