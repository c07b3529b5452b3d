"""`Idempotency-Key` for API writes: a retried POST creates its object once.

A client that sends the header with a create may send the same request again (after a timeout,
from a retrying queue, twice at once) and gets the first answer back, marked with
`Idempotent-Replayed: true`, instead of a second object. The key row is inserted in the same
transaction as the object: a concurrent retry waits on the unique key (PostgreSQL) or on the
write lock (SQLite) until the first request has committed, then replays its answer. A failed
request (4xx, exception) rolls the key back with everything else, so it can be retried after
fixing the input. The same key with another request answers 422. Keys are per user and kept
for a day.
"""

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from ..privacy.register import REPLAY_PERIOD
from .models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_LENGTH = 255


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("This Idempotency-Key was already used for a different request.")
    default_code = "idempotency_key_reused"


def _check_key(key: str) -> None:
    if not 1 <= len(key) <= MAX_LENGTH or not all("!" <= char <= "~" for char in key):
        raise ValidationError(
            {HEADER: [_("Use 1 to 255 visible ASCII characters, e.g. a random UUID.")]}
        )


def _fingerprint(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, cls=JSONEncoder, ensure_ascii=True)
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def _jsonable(data) -> object:
    return json.loads(json.dumps(data, cls=JSONEncoder))


def run_once(request: Request, handler: Callable[[], Response]) -> Response:
    """Answer `request` through `handler`, or replay the answer its Idempotency-Key got."""
    key = request.headers.get(HEADER)
    user = request.user
    if key is None or not getattr(user, "is_authenticated", False):
        return handler()
    _check_key(key)
    fingerprint = _fingerprint(request)
    IdempotencyKey.objects.filter(created_at__lt=timezone.now() - REPLAY_PERIOD.delta).delete()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=user,
                    key=key,
                    method=request.method,
                    path=request.path[:500],
                    fingerprint=fingerprint,
                    status_code=0,
                )
        except IntegrityError:
            record = None  # answered before (or just now, by a request we waited for)
        if record is not None:
            response = handler()
            if not status.is_success(response.status_code):
                transaction.set_rollback(True)
                return response
            record.status_code = response.status_code
            record.response_body = _jsonable(response.data)
            record.save(update_fields=["status_code", "response_body"])
            return response
    return _replay(request, key, fingerprint)


def _replay(request: Request, key: str, fingerprint: str) -> Response:
    record = IdempotencyKey.objects.filter(user=request.user, key=key).first()
    if record is None or record.status_code == 0:  # expired in between: a rare race
        raise KeyReused(_("This Idempotency-Key is being processed; retry in a moment."))
    if (record.method, record.path, record.fingerprint) != (
        request.method,
        request.path[:500],
        fingerprint,
    ):
        raise KeyReused
    return Response(
        record.response_body, status=record.status_code, headers={REPLAYED_HEADER: "true"}
    )


class IdempotentCreateMixin:
    """For view sets: POST to the list (create) honours the Idempotency-Key header."""

    def create(self, request: Request, *args, **kwargs) -> Response:
        parent = super().create  # type: ignore[misc]
        return run_once(request, lambda: parent(request, *args, **kwargs))


KEY_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional, 1-255 visible ASCII characters (a random UUID). Sending the same request "
        "again with the same key returns the first answer (header Idempotent-Replayed: true) "
        "and creates nothing new; the same key with a different request answers 422. "
        "Keys are kept for 24 hours."
    ),
)


def idempotent_create_schema(serializer_class: type) -> Callable:
    """extend_schema for a create that honours the Idempotency-Key."""
    return extend_schema(
        parameters=[KEY_PARAMETER],
        responses={
            201: serializer_class,
            422: OpenApiResponse(description="The key was used for a different request."),
        },
    )
