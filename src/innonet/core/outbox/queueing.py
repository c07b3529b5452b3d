"""Storing mails in the outbox: one row per mail and recipient under a key that names what the
mail is for, so storing it again (a retried task, a resumed newsletter) stores nothing."""

import hashlib
from collections.abc import Iterable, Iterator
from email.utils import parseaddr
from itertools import islice
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError, EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils.html import strip_tags

from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from innonet.core.site import site_host

__all__ = ["MAX_KEY_LENGTH", "message_id_for", "queue_mail", "queue_many", "suppressed_among"]

MAX_KEY_LENGTH = 200
CHUNK = 500
SUPPRESSED_NOTE = "address blocked"


def message_id_for(key: str) -> str:
    """The Message-ID of the mail stored under `key`: the same on every attempt."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"<{digest}@{site_host()}>"


def _one_line(name: str, value: str) -> str:
    """A header value as it is; a line break in it would add headers (RELIABILITY item 23)."""
    if "\r" in value or "\n" in value or "\0" in value:
        raise BadHeaderError(f"mail header {name} carries a line break")
    return value


def _bare_address(recipient: str) -> str:
    """The address of `Name <address>` (or of a plain address), checked."""
    _one_line("To", recipient)
    _name, address = parseaddr(recipient)
    try:
        validate_email(address)
    except ValidationError as error:
        raise BadHeaderError(f"not a mail address: {recipient[:80]!r}") from error
    return address


def _html_of(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", ()):
        if mimetype == "text/html":
            return str(content)
    return ""


def _common(message: EmailMessage) -> dict[str, Any]:
    """The row fields every recipient of `message` shares; refuses what the outbox cannot
    store faithfully (attachments, copies) and any header with a line break."""
    if message.cc or message.bcc or message.attachments:
        raise ValueError("the outbox sends text and HTML to `to` only: no cc, bcc or attachments")
    headers = {
        _one_line("header name", str(name)): _one_line(str(name), str(value))
        for name, value in message.extra_headers.items()
        if str(name).lower() != "message-id"
    }
    if message.reply_to:
        headers["Reply-To"] = _one_line("Reply-To", ", ".join(message.reply_to))
    text, html = str(message.body), _html_of(message)
    if message.content_subtype == "html":  # an HTML-only mail: keep a text part for reading
        text, html = strip_tags(text), text
    return {
        "from_address": _one_line("From", message.from_email or settings.DEFAULT_FROM_EMAIL),
        "subject": _one_line("Subject", str(message.subject)),
        "body_text": text,
        "body_html": html,
        "headers": headers,
    }


def _rows_of(
    key: str, message: EmailMessage, *, category: str, batch: str, created_by_id: int | None
) -> Iterator[OutgoingMail]:
    """Unsaved rows for `message`: one per recipient, keyed `key` (with the address appended
    when there are several)."""
    recipients = list(message.to)
    if not recipients:
        raise ValueError(f"mail {key!r} has no recipient")
    common = _common(message)
    for recipient in recipients:
        address = _bare_address(recipient)
        row_key = key if len(recipients) == 1 else f"{key}:{address.lower()}"
        if len(row_key) > MAX_KEY_LENGTH:
            raise ValueError(f"outbox key longer than {MAX_KEY_LENGTH}: {row_key[:60]!r}…")
        headers = dict(common["headers"])
        if recipient != address:
            headers["To"] = recipient
        yield OutgoingMail(
            key=_one_line("key", row_key),
            category=category,
            batch=batch,
            to_address=address,
            message_id=message_id_for(row_key),
            created_by_id=created_by_id,
            **{**common, "headers": headers},
        )


def suppressed_among(addresses: Iterable[str]) -> set[str]:
    """The blocked ones of `addresses`, lower-cased (blocked addresses are stored so)."""
    lowered = {address.lower() for address in addresses}
    found = SuppressedAddress.objects.filter(address__in=lowered).values_list("address", flat=True)
    return set(found)


def _mark_suppressed(rows: list[OutgoingMail]) -> None:
    blocked = suppressed_among(row.to_address for row in rows)
    for row in rows:
        if row.to_address.lower() in blocked:
            row.status = MailStatus.SUPPRESSED
            row.last_error = SUPPRESSED_NOTE


def _user_id(acting_user: AbstractBaseUser | None) -> int | None:
    return getattr(acting_user, "pk", None)


def _enqueue_sender() -> None:
    from .planning import enqueue_sender

    transaction.on_commit(enqueue_sender)


def queue_mail(
    message: EmailMessage,
    *,
    key: str,
    category: str,
    batch: str = "",
    acting_user: AbstractBaseUser | None = None,
    send: bool = True,
) -> list[OutgoingMail]:
    """Store `message` as one outbox row per recipient under `key` (with the address appended
    when it has several); rows that exist already are left alone and returned as they are.
    The sender task is enqueued when the transaction commits, unless `send` is false (a batch
    enqueues it once itself). A header with a line break raises BadHeaderError."""
    rows = list(
        _rows_of(key, message, category=category, batch=batch, created_by_id=_user_id(acting_user))
    )
    _mark_suppressed(rows)
    stored = []
    for row in rows:
        fields = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
        fields.pop("id")
        found, _created = OutgoingMail.objects.get_or_create(key=row.key, defaults=fields)
        stored.append(found)
    if send:
        _enqueue_sender()
    return stored


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def queue_many(
    messages: Iterable[tuple[str, EmailMessage]],
    *,
    category: str,
    batch: str = "",
    acting_user: AbstractBaseUser | None = None,
    send: bool = True,
    chunk_size: int = CHUNK,
) -> int:
    """Store many mails fast: `messages` yields (key, message) pairs (a generator is read
    chunk by chunk); each chunk is one bulk insert that skips keys stored already, with
    blocked addresses stored as `suppressed`. Returns the number of rows newly stored. Runs
    in the caller's transaction when there is one; the sender is enqueued once at the end."""
    created_by_id = _user_id(acting_user)
    stored = 0
    for chunk in _chunks(messages, chunk_size):
        rows = [
            row
            for key, message in chunk
            for row in _rows_of(
                key, message, category=category, batch=batch, created_by_id=created_by_id
            )
        ]
        _mark_suppressed(rows)
        with transaction.atomic():
            keys = [row.key for row in rows]
            known = set(OutgoingMail.objects.filter(key__in=keys).values_list("key", flat=True))
            fresh = {row.key: row for row in rows if row.key not in known}
            OutgoingMail.objects.bulk_create(fresh.values(), ignore_conflicts=True)
        stored += len(fresh)
    if send:
        _enqueue_sender()
    return stored
