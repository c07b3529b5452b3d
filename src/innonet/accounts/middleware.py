"""Session rules, and the two-factor requirement for every role that reads others' data."""

import time
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from innonet.core import audit, permissions

SESSION_STARTED = "innonet_session_started"
SESSION_SEEN = "innonet_session_seen"

# Paths a user who needs a second factor may reach before it is verified.
_TWO_FACTOR_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/metrics")


def _elevated(user) -> bool:
    return user.is_authenticated and (user.is_network_staff or user.is_superuser)


class SessionPolicyMiddleware:
    """Idle and absolute time limits for staff sessions (others follow SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if _elevated(user):
            expired = self._expired(request)
            if expired:
                audit.record(user, "accounts.session.expired", user=user, data={"why": expired})
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
                return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest) -> str | None:
        now = time.time()
        started = request.session.setdefault(SESSION_STARTED, now)
        seen = request.session.get(SESSION_SEEN, now)
        if now - started > settings.STAFF_SESSION_MAX_HOURS * 3600:
            return "absolute"
        if now - seen > settings.STAFF_IDLE_TIMEOUT_MINUTES * 60:
            return "idle"
        # Writing the session on every request is costly; a minute's precision is enough.
        if now - seen > 60 or SESSION_SEEN not in request.session:
            request.session[SESSION_SEEN] = now
        return None


class TwoFactorMiddleware:
    """Staff, the board and partner-network managers (`permissions.TWO_FACTOR_ROLES`) reach
    nothing but the two-factor setup until a second factor is verified in this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not permissions.needs_two_factor(user) or request.path.startswith(
            _TWO_FACTOR_OPEN_PREFIXES
        ):
            return self.get_response(request)
        if not is_mfa_enabled(user):
            return self._setup_only(request, user)
        if any(r.get("method") == "mfa" for r in get_authentication_records(request, user)):
            return self.get_response(request)
        # A session that never passed the second factor (e.g. created before the device
        # existed) is ended; signing in again asks for the code.
        if request.path == reverse("account_logout"):
            return self.get_response(request)
        logout(request)
        messages.info(request, _("Please sign in again with your authentication code."))
        return redirect("account_login")

    def _setup_only(self, request: HttpRequest, user) -> HttpResponse:
        activate = reverse("mfa_activate_totp")
        # allauth asks for the password again before activating a device, so the
        # re-authentication page must stay reachable (otherwise: a redirect loop).
        if request.path not in (activate, reverse("account_reauthenticate")):
            if request.path == reverse("account_logout"):
                return self.get_response(request)
            messages.warning(
                request,
                _(
                    "Your account can see other people's personal data, so it needs two-factor "
                    "authentication. Please set it up now."
                ),
            )
            return redirect(activate)
        response = self.get_response(request)
        if request.path == activate and is_mfa_enabled(user):
            # The device was just activated with a valid code, which proves possession: it
            # counts as this session's second factor, so the user is not signed out
            # before seeing the recovery codes.
            record_authentication(request, user, "mfa", type="totp")
        return response
