"""Sign-in helpers that drive the real allauth views, as a browser would."""

import re

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.test import Client
from django.urls import reverse

HTML_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (the middle of allauth's tolerance window)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def post_login(client: Client, email: str, password: str, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def post_code(client: Client, code: str):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def session_cookie(client: Client) -> str | None:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie is not None and cookie.value else None


def client_with_session(key: str) -> Client:
    """A fresh client that presents an old session cookie, like a stolen or kept cookie."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    return client


def inline_scripts(html: str) -> list[str]:
    """Executable script elements without a src (data blocks in JSON are not executed)."""
    found = []
    for attrs, body in HTML_SCRIPT.findall(html):
        if "src=" in attrs or "application/json" in attrs:
            continue
        found.append(body)
    return found


def form_errors(response) -> list[str]:
    form = response.context["form"]
    return [str(error) for errors in form.errors.values() for error in errors]
