"""Who may read the detailed health check and the metrics.

A request is let in when its client address lies in `MONITORING_ALLOWED_NETWORKS` (loopback
by default) or when it carries `Authorization: Bearer <MONITORING_TOKEN>`. The address is the
one the rest of the site uses (`core.middleware.client_ip`, which trusts `X-Forwarded-For`
only for `TRUSTED_PROXIES` hops). A request that came through a proxy we were not told about
(`X-Forwarded-For` with `TRUSTED_PROXIES=0`) shows the proxy's address, often loopback: it
is let in by its token only. Everyone else gets the same 404 as an unknown address, so the
endpoints do not show from outside that they exist.
"""

import hmac
from collections.abc import Callable
from functools import wraps
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from innonet.core.middleware import client_ip

__all__ = ["monitoring_allowed", "monitoring_only"]

View = Callable[..., HttpResponse]


def _address(request: HttpRequest) -> IPv4Address | IPv6Address | None:
    if settings.TRUSTED_PROXIES == 0 and request.META.get("HTTP_X_FORWARDED_FOR"):
        return None
    try:
        address = ip_address(client_ip(request) or "")
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _token_matches(request: HttpRequest) -> bool:
    token = settings.MONITORING_TOKEN
    scheme, _, presented = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if not token or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(presented.strip().encode(), token.encode())


def monitoring_allowed(request: HttpRequest) -> bool:
    """Whether `request` comes from an allowed network or carries the monitoring token."""
    if _token_matches(request):
        return True
    address = _address(request)
    if address is None:
        return False
    return any(
        address in ip_network(network, strict=False)
        for network in settings.MONITORING_ALLOWED_NETWORKS
    )


def monitoring_only(view: View) -> View:
    """A read-only view for monitoring: 404 unless allowed, then GET and HEAD only, never
    cached. CSRF does not apply (nothing changes), so a POST from outside is a 404 too."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not monitoring_allowed(request):
            raise Http404
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, *args, **kwargs)

    return csrf_exempt(never_cache(guarded))
