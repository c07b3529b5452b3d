"""The site's public address, for links that leave the request: mails, calendar files, PDFs."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from `reverse`) as a full address under SITE_URL."""
    return f"{settings.SITE_URL}{path}"


def site_host() -> str:
    """The host name of SITE_URL, e.g. for globally unique ids (`event-7@host`)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
