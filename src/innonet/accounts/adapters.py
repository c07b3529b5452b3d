"""How allauth behaves here: no open sign-up, our mail language and client address rules,
and its mails (password reset, address confirmation) go through the outbox."""

import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils import translation

from innonet.core.middleware import client_ip
from innonet.core.outbox import queue_mail


def _recipient_language(email: str) -> str | None:
    """The language of the account the mail goes to (a password reset is read in the
    language the person chose, whatever the page it was asked from); else the page's."""
    from .models import User

    language = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    return language or translation.get_language()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are created by network staff; membership applications come separately."""
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """Same rule as everywhere: X-Forwarded-For only counts behind a trusted proxy."""
        return client_ip(request) or "unknown"

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """One count of failed logins per account. allauth prefixes the site's domain, which
        without the sites framework is the request's Host header: each accepted host name or
        port (and each app server reached under its own) counted its own ten tries."""
        login = credentials.get("email", credentials.get("username", ""))
        return f"innonet:{login.lower()}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render allauth's mail as allauth does and queue it in the outbox. Each call is one
        occasion (a reset asked for twice sends two mails, as before); nothing retries it."""
        request = allauth_context.request
        values = {"request": request, "email": email, "current_site": get_current_site(request)}
        values.update(context)
        with translation.override(_recipient_language(email)):
            message = self.render_mail(template_prefix, email, values)
        name = template_prefix.rsplit("/", 1)[-1]
        queue_mail(message, key=f"accounts.{name}:{uuid.uuid4().hex}", category=f"accounts.{name}")
