"""Error pages: plain, translated, with the request id; 503 while the database is away."""

import contextlib
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

from innonet.core import audit
from innonet.core.logsafety import mask_url

_API_MESSAGES = {
    400: _("Bad request."),
    403: _("You do not have permission to perform this action."),
    404: _("Not found."),
    413: _("The request is too large."),
    500: _("Server error."),
    503: _("Temporarily unavailable."),
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


def raise_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Deliberate error to check the 500 page.")
