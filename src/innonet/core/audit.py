"""Write audit entries. Services call `record` inside their transaction."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry
from .request_context import client_ip_var, request_id_var


def _actor_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user)[:200]


def record(
    obj: models.Model | None,
    action: str,
    *,
    user: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry: `action` is a dotted code such as `accounts.token.created`."""
    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=actor,
        actor_label=_actor_label(user),
        action=action,
        data=data or {},
        request_id=request_id_var.get()[:64],
        ip_address=client_ip_var.get(),
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_label = str(obj)[:200]
    entry.save()
    return entry


def mask_email(value: str) -> str:
    """Keep enough of an address to recognise it without storing it whole."""
    local, _, domain = (value or "").partition("@")
    if not domain:
        return (local[:1] + "***") if local else ""
    return f"{local[:1]}***@{domain}"
