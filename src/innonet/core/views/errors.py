"""Error pages: plain, translated, with the request id; 503 while the database is away, 507
when a disk or the database is full."""

import contextlib
import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from innonet.core import audit
from innonet.core.logsafety import mask_url
from innonet.core.storage import is_out_of_space

logger = logging.getLogger(__name__)

_API_MESSAGES = {
    400: _("Bad request."),
    403: _("You do not have permission to perform this action."),
    404: _("Not found."),
    413: _("The request is too large."),
    500: _("Server error."),
    503: _("Temporarily unavailable."),
    507: _("The server has run out of storage space; nothing was saved. Please try again later."),
}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_error(request: HttpRequest, status: int) -> JsonResponse:
    """API clients get JSON errors, as the OpenAPI schema documents them."""
    body = {"detail": str(_API_MESSAGES[status]), "request_id": getattr(request, "request_id", "")}
    return JsonResponse(body, status=status)


def _render(request: HttpRequest, template: str, status: int) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, status)
    context = {"request_id": getattr(request, "request_id", ""), "status": status}
    try:
        body = loader.render_to_string(template, context, request=request)
    except Exception:  # the error page must never fail in turn
        body = loader.render_to_string("plain_error.html", context)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400; a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413, so clients know to send less."""
    status = 413 if isinstance(exception, RequestDataTooBig) else 400
    return _render(request, "400.html", status)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    user = getattr(request, "user", None)
    with contextlib.suppress(OperationalError, InterfaceError):
        path = mask_url(request.path)[:300]
        audit.record(None, "core.access.denied", user=user, data={"path": path})
    return _render(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """A plain page without internals; a lost database connection answers 503 instead."""
    error = sys.exc_info()[1]
    if is_out_of_space(error):
        return insufficient_storage(request, error)
    context = {"request_id": getattr(request, "request_id", "")}
    if isinstance(error, OperationalError | InterfaceError):
        from django.db import connections

        for connection in connections.all(initialized_only=True):
            connection.close()
        if _is_api(request):
            response = _api_error(request, 503)
        else:
            response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = "10"
        return response
    if _is_api(request):
        return _api_error(request, 500)
    return HttpResponse(loader.render_to_string("500.html", context), status=500)


def insufficient_storage(request: HttpRequest, error: BaseException | None) -> HttpResponse:
    """507 for a full disk or database (RELIABILITY.md item 29), the same for every upload,
    import and form: the transaction was rolled back and the storage left no partial file,
    so the user may simply try again. One log line instead of a traceback."""
    _drop_spooled_uploads(request)
    logger.error(
        "out of storage space during %s %s: %s",
        request.method,
        mask_url(request.path)[:300],
        error,
        extra={"event": "storage.full"},
    )
    if _is_api(request):
        response: HttpResponse = _api_error(request, 507)
    else:
        # Without the request: its context processors would read the database that may be full.
        context = {"request_id": getattr(request, "request_id", "")}
        response = HttpResponse(loader.render_to_string("507.html", context), status=507)
    response._has_been_logged = True  # type: ignore[attr-defined]  # the line above says it
    return response


def _drop_spooled_uploads(request: HttpRequest) -> None:
    """Close (and so delete) the temporary file a large upload was being spooled to when the
    disk filled, rather than leave it until the request is garbage."""
    for handler in getattr(request, "_upload_handlers", None) or ():
        spooled = getattr(handler, "file", None)
        if spooled is not None:
            with contextlib.suppress(OSError):
                spooled.close()


def raise_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Deliberate error to check the 500 page.")
