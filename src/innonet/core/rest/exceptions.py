"""Domain and validation errors become 400 answers with a message (a change the user may not
make: 403), never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from innonet.core.errors import DomainError
from innonet.core.permissions import NotPermittedError


def exception_handler(exc, context):
    if isinstance(exc, NotPermittedError):
        detail = {exc.field: [exc.message]} if exc.field else exc.message
        exc = exceptions.PermissionDenied(detail)
    elif isinstance(exc, DomainError):
        detail = {exc.field: [exc.message]} if exc.field else {"detail": exc.message}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # Every error body is an object, as documented (some DRF parts raise bare lists).
        response.data = {"detail": " ".join(str(item) for item in response.data)}
    return response
