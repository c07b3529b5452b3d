"""Request id, language choice, cache rules for personal pages, and the answer to a full disk."""

import re
import uuid

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .request_context import client_ip_var, request_id_var

_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def client_ip(request: HttpRequest) -> str | None:
    """The client address; X-Forwarded-For counts only for as many proxies as we trust."""
    from django.conf import settings

    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    """Give every request an id (or accept a well-formed one from a trusted proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        trusted = settings.TRUSTED_PROXIES > 0 and _REQUEST_ID.match(incoming)
        request_id = incoming if trusted else uuid.uuid4().hex
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        ip_token = client_ip_var.set(client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(id_token)
            client_ip_var.reset(ip_token)
        response["X-Request-ID"] = request_id
        return response


class PrivateCacheMiddleware:
    """Pages for signed-in users carry personal data: never store them in shared caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response


SESSION_LANGUAGE_KEY = "innonet_language"


class GermanFirstLocaleMiddleware(LocaleMiddleware):
    """German unless the visitor chose otherwise: the language cookie of this browser, else
    the signed-in person's account language (put in the session at sign-in and by the
    switch). The browser's Accept-Language is ignored, so a public body's site reads the same
    for everyone."""

    def process_request(self, request: HttpRequest) -> None:
        from django.conf import settings

        # This browser's own choice first; the account's language covers a device where the
        # person never chose (the switch sets both).
        session = getattr(request, "session", None)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") or (
            session.get(SESSION_LANGUAGE_KEY, "") if session is not None else ""
        )
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class OutOfSpaceMiddleware:
    """A view that fails because a disk or the database is full answers 507 with a plain
    German page (core.views.errors.insufficient_storage) instead of a 500 traceback; errors
    raised before the view (reading an upload into a full temporary folder) reach the same
    answer through the 500 handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from .storage import is_out_of_space
        from .views.errors import insufficient_storage

        if is_out_of_space(exception):
            return insufficient_storage(request, exception)
        return None
