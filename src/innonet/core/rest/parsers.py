"""The one JSON parser of the API: malformed or absurdly nested bodies are a 400, oversized ones
a 413 (DRF reads the request stream itself, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE)."""

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

# No request body of this API nests deeper than a list of objects in an object; 32 leaves
# room and keeps every later step (validation, copying, hashing) far from Python's recursion
# limit.
MAX_DEPTH = 32


def nesting_depth(value: Any) -> int:
    """How deeply lists and objects nest in parsed JSON, computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class BodyTooLargeError(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


def _bounded(stream: Any) -> io.BytesIO:
    """The body, read to at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes; more is refused."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = stream.read(limit + 1) if stream is not None else b""
    if len(body) > limit:
        raise BodyTooLargeError(
            _("The body is larger than %(size)d MB.") % {"size": limit // (1024 * 1024)}
        )
    return io.BytesIO(body)


class BoundedJSONParser(JSONParser):
    """DRF's parser, plus: a body over the upload limit answers 413, nesting beyond MAX_DEPTH
    (or beyond what Python's decoder can recurse into) 400 instead of a RecursionError."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None):
        try:
            data = super().parse(_bounded(stream), media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("The JSON body nests too deeply.")) from exc
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(
                _("The JSON body nests deeper than %(max)d levels.") % {"max": MAX_DEPTH}
            )
        return data


__all__ = ["MAX_DEPTH", "BodyTooLargeError", "BoundedJSONParser", "nesting_depth"]
