"""Secrets in addresses never reach a log line or an error report (RELIABILITY item 43).

Links in mails and calendar feeds carry secrets in their path (confirmation, cancellation and
feedback links, the personal iCalendar feed, allauth's password-reset and e-mail keys) or in
their query (`?token=` of the deadline feed). `SECRET_URL_PARAMETERS` is the one list: every URL
pattern with such a parameter is found by walking the URL configuration, and `mask_text`
replaces the secret parts of each address in a log line with `***`. It runs on Django's log
records, gunicorn's access and error log (`GunicornLogger`) and error reports. A test fails
when a URL pattern has a parameter that is in neither list below.
"""

import logging
import re
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, unquote_plus

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import pprint
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter
from gunicorn import glogging

MASK = "***"
# URL parameters whose values are secrets (also the names of allauth's keys).
SECRET_URL_PARAMETERS = frozenset({"token", "key"})
# Every other URL parameter name in use; a new name must be added to one of the two lists.
PUBLIC_URL_PARAMETERS = frozenset(
    {
        "pk", "organisation_pk", "content_type_id", "object_id", "id", "kind", "fmt", "format",
        "action", "year", "month", "uidb36", "app_label", "url", "path", "indicator", "slug",
        "participant", "slot", "table",
    }
)  # fmt: skip
# Query parameters whose values are secrets, wherever they appear. An API list's `cursor` is
# signed, not encrypted: it carries the order values of a row (a person's name).
SECRET_QUERY_PARAMETERS = frozenset({"token", "key", "secret", "signature", "password", "cursor"})
# A name that looks like it could carry a secret (for the tests that watch new parameters).
TOKEN_LIKE = re.compile(r"token|key|secret|sig|hash|code|otp|nonce|uid|pass", re.IGNORECASE)

_ADDRESS = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s\"'<>]*)?(/[^\s\"'<>]*)")
_routes: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] | None = None


def _strip(regex: str) -> str:
    regex = regex.removeprefix("^")
    for end in (r"\Z", "$"):
        regex = regex.removesuffix(end)
    return regex


def url_parameters(patterns: Sequence[Any] | None = None) -> Iterator[tuple[str, str, set[str]]]:
    """(name, full path regex, parameter names) of every URL pattern, includes resolved."""
    from django.urls import URLResolver, get_resolver

    def walk(entries: Sequence[Any], prefix: str, namespace: str) -> Iterator:
        for entry in entries:
            regex = prefix + _strip(entry.pattern.regex.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, regex, inner)
            else:
                names = set(re.compile(regex).groupindex)
                yield (f"{namespace}{entry.name}" if entry.name else "", regex, names)

    yield from walk(get_resolver().url_patterns if patterns is None else patterns, "", "")


def unclassified_url_parameters(patterns: Sequence[Any] | None = None) -> list[tuple[str, str]]:
    """(URL name, parameter) for every parameter in neither list: each needs a decision."""
    known = SECRET_URL_PARAMETERS | PUBLIC_URL_PARAMETERS
    return sorted(
        (name, parameter)
        for name, _regex, names in url_parameters(patterns)
        for parameter in names - known
    )


def _route(regex: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The exact path regex, and a loose one for near misses (a missing trailing slash, text
    pasted after the link): everything after the route's literal beginning is secret."""
    exact = re.compile(r"(?<=/)" + regex + r"\Z")
    literal = re.match(r"(?:[^\\()\[\]{}.*+?^$|]|\\[-/.])*", regex).group()
    loose = re.escape(re.sub(r"\\(.)", r"\1", literal))
    return exact, re.compile(r"(?<=/)(" + loose + r")[^?#\s]+") if literal else None


def secret_routes() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...]:
    """Path regexes of the URL patterns with a secret parameter (empty before Django is ready:
    gunicorn's master process logs no requests)."""
    global _routes
    if _routes is None:
        from django.apps import apps

        if not apps.ready:
            return ()
        _routes = tuple(
            _route(regex)
            for _name, regex, names in url_parameters()
            if names & SECRET_URL_PARAMETERS
        )
    return _routes


@receiver(setting_changed)
def _forget_routes(*, setting: str, **kwargs: Any) -> None:
    global _routes
    if setting == "ROOT_URLCONF":
        _routes = None


def _mask_path(path: str) -> str:
    for exact, _loose in secret_routes():
        found = exact.search(path)
        if found is None:
            continue
        spans = sorted(
            (found.span(name) for name in exact.groupindex if name in SECRET_URL_PARAMETERS),
            reverse=True,
        )
        for start, end in spans:
            if start >= 0:
                path = path[:start] + MASK + path[end:]
        return path
    for _exact, loose in secret_routes():
        if loose is not None and loose.search(path):
            return loose.sub(lambda found: found.group(1) + MASK, path, count=1)
    return path


def _mask_query(query: str) -> str:
    parts = []
    for part in query.split("&"):
        name, equals, value = part.partition("=")
        if equals and unquote_plus(name).lower() in SECRET_QUERY_PARAMETERS:
            value = MASK
        elif equals:  # an address inside the query, e.g. ?next=/anmeldung/bestaetigen/…/
            decoded = unquote_plus(value)
            masked = mask_text(decoded) if "/" in decoded else decoded
            value = value if masked == decoded else quote(masked, safe="/:*")
        parts.append(name + equals + value)
    return "&".join(parts)


def mask_url(address: str) -> str:
    """`address` (a path with its query) with every secret replaced by `***`."""
    path, question, rest = address.partition("?")
    query, hash_sign, fragment = rest.partition("#")
    if question:
        query = _mask_query(query)
    return _mask_path(path) + question + query + hash_sign + fragment


def mask_text(text: str) -> str:
    """`text` with the secrets masked in every address (path or full URL) it contains."""
    if "/" not in text:
        return text

    def replace(found: re.Match[str]) -> str:
        start = found.start(1) - found.start()
        return found.group()[:start] + mask_url(found.group(1))

    return _ADDRESS.sub(replace, text)


class MaskSecretsFilter(logging.Filter):
    """Masks secrets in a record's message and exception text before any handler sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string: leave it to the handler
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        return True


class GunicornLogger(glogging.Logger):
    """gunicorn's logger with secrets masked in the access log (request line, referer) and
    in the error log. Use `--logger-class innonet.core.logsafety.GunicornLogger`."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(known, MaskSecretsFilter) for known in log.filters):
                log.addFilter(MaskSecretsFilter())


class SecretSafeReporterFilter(SafeExceptionReporterFilter):
    """Error reports show addresses masked and hide variables named like a secret."""

    def get_safe_request_meta(self, request: Any) -> dict[str, Any]:
        meta = super().get_safe_request_meta(request)
        for name, value in meta.items():
            if isinstance(value, str):
                meta[name] = _mask_query(value) if name == "QUERY_STRING" else mask_text(value)
        return meta

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self._shown(name, value)) for name, value in variables]

    def _shown(self, name: str, value: Any) -> Any:
        if name in SECRET_URL_PARAMETERS:
            return self.cleansed_substitute
        if isinstance(value, dict):  # e.g. a view's kwargs holding a token
            value = self.cleanse_setting(name, value)
        text = pprint(value)
        masked = mask_text(text)
        return value if masked == text else _Shown(masked)


class _Shown(str):
    """A variable's masked representation, shown as it is (without quotes)."""

    def __repr__(self) -> str:
        return str(self)


class SecretSafeExceptionReporter(ExceptionReporter):
    """The error report with the request's address and query masked."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        request = self.request
        if request is not None:
            data["request_insecure_uri"] = mask_text(data.get("request_insecure_uri") or "")
            data["request_GET_items"] = [
                (name, MASK if name.lower() in SECRET_QUERY_PARAMETERS else value)
                for name, value in request.GET.items()
            ]
            # What the report's templates read of the request itself, with the path masked.
            data["request"] = SimpleNamespace(
                path_info=mask_url(request.path_info),
                GET=request.GET,
                FILES=request.FILES,
                COOKIES=request.COOKIES,
                META={"REQUEST_METHOD": request.META.get("REQUEST_METHOD", "")},
            )
        return data
