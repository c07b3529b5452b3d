"""The format catalogue: each network keeps its formats; partner networks adopt shared ones."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions
from innonet.core.errors import DomainError
from innonet.networks import queries as network_queries
from innonet.networks.models import Share

from ..models import Format

FIELDS = (
    "network", "name", "goal", "target_groups", "description", "duration_minutes", "capacity",
    "checklist", "is_shared", "is_active",
)  # fmt: skip


def _save(format: Format, acting_user: User | None) -> Format:
    manager = (
        acting_user if permissions.role_of(acting_user) == permissions.NETWORK_MANAGER else None
    )
    if manager is not None and format.network_id != manager.network_id:
        raise DomainError(_("You can only keep formats of your own network."), field="network")
    try:
        format.full_clean(exclude=["network", "adopted_from"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
    try:
        with transaction.atomic():
            format.save()
    except IntegrityError as exc:
        raise DomainError(
            _("This network already has a format with this name."), field="name"
        ) from exc
    return format


@transaction.atomic
def format_create(*, data: Mapping[str, Any], acting_user: User | None) -> Format:
    format = Format(**{name: data[name] for name in FIELDS if name in data})
    _save(format, acting_user)
    audit.record(format, "events.format.created", user=acting_user)
    return format


@transaction.atomic
def format_update(format: Format, *, data: Mapping[str, Any], acting_user: User | None) -> Format:
    for name in FIELDS:
        if name in data:
            setattr(format, name, data[name])
    _save(format, acting_user)
    audit.record(format, "events.format.updated", user=acting_user)
    return format


@transaction.atomic
def format_adopt(format: Format, *, network: Any, acting_user: User | None) -> Format:
    """A partner network's own copy of a shared format, remembering where it came from."""
    if not format.is_shared:
        raise DomainError(_("This format is not shared with partner networks."))
    if format.network_id == network.pk:
        raise DomainError(_("This format already belongs to your network."))
    if Format.objects.filter(network=network, adopted_from=format).exists():
        raise DomainError(_("Your network has already adopted this format."))
    if format.network_id not in network_queries.granted(network.pk, Share.FORMATS):
        raise DomainError(
            _("No agreement in force lets this network take over formats of %(network)s.")
            % {"network": format.network}
        )
    copy = Format(
        network=network,
        name=format.name,
        goal=format.goal,
        target_groups=format.target_groups,
        description=format.description,
        duration_minutes=format.duration_minutes,
        capacity=format.capacity,
        checklist=format.checklist,
        is_shared=False,
        adopted_from=format,
    )
    _save(copy, acting_user)
    audit.record(copy, "events.format.adopted", user=acting_user, data={"from": format.pk})
    return copy
