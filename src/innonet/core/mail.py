"""Automatic mails, composed in one way for every app.

An app names its template pair (`<name>.txt` and `<name>.html`, both extending
`core/mail/base`), the subject and the context; `compose` renders everything in the
recipient's language and returns a message ready to send. The subject becomes one line
(RELIABILITY item 23), every mail carries the automatic-mail headers, and links are absolute
under SITE_URL. Sending is the caller's task, after the transaction has committed.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from .site import absolute_url

__all__ = ["AUTOMATIC_HEADERS", "SUBJECT_MAX_LENGTH", "compose", "link", "one_line"]

SUBJECT_MAX_LENGTH = 200
# RFC 3834 for every receiver; the second keeps Exchange's out-of-office replies away.
AUTOMATIC_HEADERS = {
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "OOF, AutoReply",
}

Context = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


def one_line(text: str | Promise, limit: int = SUBJECT_MAX_LENGTH) -> str:
    """A header value: line breaks, tabs and runs of spaces become one space, cut at `limit`."""
    return " ".join(str(text).split())[:limit]


def link(viewname: str, *args: Any, **kwargs: Any) -> str:
    """The absolute address of a view, for a link in a mail."""
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))


def _headers(extra: Mapping[str, str] | None) -> dict[str, str]:
    headers = {**AUTOMATIC_HEADERS, **(extra or {})}
    for name, value in headers.items():
        if "\r" in value or "\n" in value:
            raise ValueError(f"mail header {name} carries a line break")
    return headers


def compose(
    template: str,
    *,
    to: str | Sequence[str],
    language: str | None,
    subject: str | Promise,
    subject_values: Mapping[str, Any] | None = None,
    context: Context | None = None,
    reply_to: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    """One mail in `language` (the site's language when empty): `subject` % `subject_values`,
    and `template`.txt and .html rendered with `context` (a callable is called in that
    language, for values that are translated); `headers` add to the automatic-mail ones."""
    with translation.override(language or settings.LANGUAGE_CODE):
        text_subject = one_line(subject % subject_values if subject_values else subject)
        values = dict((context() if callable(context) else context) or {})
        values.setdefault("mail_language", translation.get_language())
        text = render_to_string(f"{template}.txt", values)
        html = render_to_string(f"{template}.html", values)
    message = EmailMultiAlternatives(
        subject=text_subject,
        body=text,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=list(reply_to) or None,
        headers=_headers(headers),
    )
    message.attach_alternative(html, "text/html")
    return message
