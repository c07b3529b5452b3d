"""Per-user limits for expensive work: matching, consortium proposals, exports, imports, reports.

A fixed window counter in the shared cache (the database cache, so every process counts
together). Pages answer 429 with a `Retry-After` header and a readable page; the API uses DRF's
scoped throttle with the same rates (`settings.USER_RATE_LIMITS`).
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import ScopedRateThrottle

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'30/min' -> (30, 60)."""
    count, _sep, period = rate.partition("/")
    return int(count), PERIODS[period.strip().lower()]


def _identity(request: HttpRequest) -> str:
    """The signed-in user, else the client address: a visitor cannot start afresh by dropping
    the session cookie."""
    from .middleware import client_ip

    user = request.user
    if user.is_authenticated:
        return f"user-{user.pk}"
    return f"address-{client_ip(request) or 'none'}"


def retry_after(request: HttpRequest, scope: str) -> int:
    """0 when the request may go ahead (and counts it), else seconds until the window ends."""
    count, seconds = parse_rate(settings.USER_RATE_LIMITS[scope])
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{_identity(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    if used <= count:
        return 0
    return max(1, (window + 1) * seconds - int(time.time()))


def too_many(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "429.html", {"retry_after": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def rate_limited(scope: str, methods: tuple[str, ...] = ("GET", "POST")) -> Callable:
    """Decorator for a view function (or `dispatch`): count the request against `scope`."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(*args: Any, **kwargs: Any) -> HttpResponse:
            request = next(a for a in args if isinstance(a, HttpRequest))
            if request.method in methods and (wait := retry_after(request, scope)):
                return too_many(request, wait)
            return view(*args, **kwargs)

        return limited

    return decorate


class UserScopedThrottle(ScopedRateThrottle):
    """DRF throttle for views with `throttle_scope`, with the rates of USER_RATE_LIMITS."""

    def get_rate(self) -> str | None:
        return settings.USER_RATE_LIMITS.get(self.scope)
