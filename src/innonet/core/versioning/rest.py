"""The API side of optimistic locking: the `version` a client read, the rule that a PATCH sends
it, and the 409 answer with the current record."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .locking import ConflictError

VERSION_HELP = _("The version you read; required on PATCH. A stale version answers 409.")
STALE = _("Send the version you last read, so that no one else's change is overwritten.")


def version_field(help_text: Any = VERSION_HELP) -> serializers.IntegerField:
    """The `version` field of a versioned record's serializer or of a state change's input."""
    return serializers.IntegerField(min_value=1, required=False, help_text=help_text)


def require_version(serializer: serializers.Serializer, attrs: dict[str, Any]) -> None:
    """A change of an existing record names the version it was read with."""
    if serializer.instance is not None and attrs.get("version") is None:
        raise ValidationError({"version": [STALE]})


def conflict_schema(serializer_class: type[serializers.Serializer]) -> dict[int, OpenApiResponse]:
    """The documented 409 of a write: the message and the current record."""
    name = serializer_class.__name__.removesuffix("Serializer") + "Conflict"
    body = inline_serializer(
        name, fields={"detail": serializers.CharField(), "current": serializer_class()}
    )
    return {409: OpenApiResponse(body, description="Stale version")}


def conflict_response(view: Any, error: ConflictError) -> Response:
    """409 with the message and the current record, read through the view's own queryset and
    serializer, so the client sees it as it would on a GET."""
    current = view.get_queryset().filter(pk=error.current.pk).first() or error.current
    body = {"detail": error.message, "current": view.get_serializer(current).data}
    return Response(body, status=status.HTTP_409_CONFLICT)
