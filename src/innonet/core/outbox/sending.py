"""The outbox's sender: lease due rows, hand them to the mail server over one connection per
batch, record each outcome on its row.

A lease is a row set to `sending` with `leased_until` and the sender's `lease_owner`, taken in
one transaction (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's IMMEDIATE transactions take the
write lock at BEGIN), so two senders never hold the same row. A sender renews its lease while it
works; a sender that dies leaves its rows to run out, and the next run sends them again. The one
window for a duplicate is between the server's 250 and the commit of `sent`: the mail then goes
out twice with the same Message-ID, which receivers drop.
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db import connection as database
from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone

from innonet.core.durability import commit_without_waiting_for_the_disk
from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from innonet.core.monitoring.metrics import MAILS_FAILED, MAILS_SENT

from .outcomes import Kind, Outcome, classify

__all__ = ["SendFigures", "build_message", "lease_due", "send_due"]

logger = logging.getLogger(__name__)


@dataclass
class SendFigures:
    """What one run of the sender did: rows sent, failed for good, waiting after a temporary
    failure, and untried rows given back when the connection was lost."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0
    given_back: int = 0
    batches: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {**asdict(self), "errors": self.errors[:5]}


def _lease_length() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def _due(now: datetime) -> Q:
    """Rows to send now: waiting ones whose time has come, and sending ones whose lease ran
    out (their sender died)."""
    waiting = Q(status=MailStatus.QUEUED) & (Q(not_before__isnull=True) | Q(not_before__lte=now))
    orphaned = Q(status=MailStatus.SENDING, leased_until__lt=now)
    return waiting | orphaned


def due_rows() -> QuerySet[OutgoingMail]:
    """The rows a sender would take now."""
    return OutgoingMail.objects.filter(_due(timezone.now()))


def lease_due(owner: str, limit: int) -> list[OutgoingMail]:
    """Take up to `limit` due rows for `owner` and count the attempt; orphaned rows that used
    up their attempts fail instead (a mail that kills its sender must not loop for ever)."""
    now = timezone.now()
    with transaction.atomic():
        given_up = OutgoingMail.objects.filter(
            status=MailStatus.SENDING,
            leased_until__lt=now,
            attempts__gte=settings.OUTBOX_MAX_ATTEMPTS,
        ).update(
            status=MailStatus.FAILED,
            leased_until=None,
            last_error="gave up: the sender stopped during the last attempt",
        )
        ids = list(
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(_due(now))
            .order_by("id")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            OutgoingMail.objects.filter(pk__in=ids).update(
                status=MailStatus.SENDING,
                leased_until=now + _lease_length(),
                lease_owner=owner,
                attempts=F("attempts") + 1,
            )
    MAILS_FAILED.inc(given_up)
    rows = OutgoingMail.objects.filter(pk__in=ids, lease_owner=owner, status=MailStatus.SENDING)
    return list(rows.order_by("id"))


def build_message(row: OutgoingMail) -> EmailMultiAlternatives:
    """The mail of `row` as Django sends it, with the row's own Message-ID."""
    headers = dict(row.headers)
    reply_to = headers.pop("Reply-To", "")
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=row.from_address,
        to=[row.to_address],
        reply_to=[part.strip() for part in reply_to.split(",") if part.strip()] or None,
        headers={**headers, "Message-ID": row.message_id},
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def _retry_delay(attempts: int) -> timedelta:
    """Wait after `attempts` tries: the base, 4 x, 16 x ... capped at a day."""
    base = settings.OUTBOX_RETRY_SECONDS
    return timedelta(seconds=min(base * 4 ** max(attempts - 1, 0), 86400))


def _mine(row: OutgoingMail, owner: str) -> QuerySet[OutgoingMail]:
    return OutgoingMail.objects.filter(pk=row.pk, lease_owner=owner, status=MailStatus.SENDING)


def _record_sent(row: OutgoingMail, owner: str) -> None:
    """Mark `row` sent. The server has the mail: while the database is away (a restart, a
    killed connection) the mark is tried again for half a lease, rather than leaving the row
    to run out its lease and go out a second time."""
    deadline = time.monotonic() + settings.OUTBOX_LEASE_SECONDS / 2
    while True:
        try:
            with transaction.atomic():
                commit_without_waiting_for_the_disk()
                done = _mine(row, owner).update(
                    status=MailStatus.SENT, sent_at=timezone.now(), leased_until=None,
                    last_error="",
                )  # fmt: skip
            break
        except DatabaseError as error:
            if time.monotonic() > deadline:
                raise
            logger.warning("outbox: marking row %s sent failed for now: %s", row.pk, error)
            database.close()
            time.sleep(1)
    if not done:
        logger.warning("outbox: row %s was sent after its lease had passed to another", row.pk)


def _record_failure(row: OutgoingMail, owner: str, outcome: Outcome) -> str:
    """Note the outcome on the row; returns its new status."""
    if outcome.kind is Kind.PERMANENT or row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        reason = outcome.reason
        if outcome.kind is not Kind.PERMANENT:
            reason = f"gave up after {row.attempts} attempts: {reason}"
        with transaction.atomic():
            _mine(row, owner).update(status=MailStatus.FAILED, leased_until=None, last_error=reason)
            if outcome.hard_bounce:
                suppress_address(row.to_address, reason=outcome.reason)
        return MailStatus.FAILED
    _mine(row, owner).update(
        status=MailStatus.QUEUED,
        leased_until=None,
        not_before=timezone.now() + _retry_delay(row.attempts),
        last_error=outcome.reason,
    )
    return MailStatus.QUEUED


def _give_back(rows: list[OutgoingMail], owner: str, reason: str) -> int:
    """Untried rows of a batch whose connection is gone: queued again, the attempt not counted,
    after the base delay (the server may be back by then)."""
    ids = [row.pk for row in rows]
    return OutgoingMail.objects.filter(
        pk__in=ids, lease_owner=owner, status=MailStatus.SENDING
    ).update(
        status=MailStatus.QUEUED,
        leased_until=None,
        attempts=F("attempts") - 1,
        not_before=timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_SECONDS),
        last_error=reason,
    )


def suppress_address(address: str, *, reason: str) -> SuppressedAddress:
    """Block `address` (a hard bounce): later mails to it are stored as suppressed, and the
    ones waiting for it now are suppressed too."""
    blocked, _created = SuppressedAddress.objects.get_or_create(
        address=address.strip().lower(), defaults={"reason": reason[:2000]}
    )
    OutgoingMail.objects.filter(
        to_address__iexact=blocked.address, status=MailStatus.QUEUED
    ).update(status=MailStatus.SUPPRESSED, last_error="address blocked")
    return blocked


class _Pacer:
    """At most OUTBOX_MAX_PER_MINUTE mails a minute from this sender; keeps its lease fresh."""

    def __init__(self, renew: Callable[[], None]) -> None:
        per_minute = settings.OUTBOX_MAX_PER_MINUTE
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self.renew = renew
        self.last_send = 0.0
        self.last_renewal = time.monotonic()

    def wait(self) -> None:
        if self.interval:
            pause = self.last_send + self.interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self.last_send = time.monotonic()
        if time.monotonic() - self.last_renewal > settings.OUTBOX_LEASE_SECONDS / 3:
            self.renew()
            self.last_renewal = time.monotonic()


def _renewer(rows: list[OutgoingMail], owner: str, position: list[int]) -> Callable[[], None]:
    def renew() -> None:
        rest = [row.pk for row in rows[position[0] :]]
        OutgoingMail.objects.filter(
            pk__in=rest, lease_owner=owner, status=MailStatus.SENDING
        ).update(leased_until=timezone.now() + _lease_length())

    return renew


def _send_batch(rows: list[OutgoingMail], owner: str, figures: SendFigures) -> bool:
    """Send one leased batch over one connection; False when the connection was lost (the
    run then stops: the server is away)."""
    position = [0]
    pacer = _Pacer(_renewer(rows, owner, position))
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # any failure to connect leaves the batch for later
        reason = classify(error).reason
        figures.given_back += _give_back(rows, owner, reason)
        figures.errors.append(reason)
        return False
    try:
        for index, row in enumerate(rows):
            position[0] = index
            pacer.wait()
            outcome = _send_one(connection, row)
            if outcome is None:
                _record_sent(row, owner)
                figures.sent += 1
                MAILS_SENT.inc()
                continue
            figures.errors.append(outcome.reason)
            status = _record_failure(row, owner, outcome)
            figures.failed += status == MailStatus.FAILED
            if status == MailStatus.FAILED:
                MAILS_FAILED.inc()
            figures.waiting += status == MailStatus.QUEUED
            if outcome.kind is Kind.CONNECTION:
                figures.given_back += _give_back(rows[index + 1 :], owner, outcome.reason)
                return False
        return True
    finally:
        try:
            connection.close()
        except Exception:  # closing a dead connection must not hide what happened
            logger.debug("outbox: closing the mail connection failed", exc_info=True)


def _send_one(connection: BaseEmailBackend, row: OutgoingMail) -> Outcome | None:
    """Hand one row to the server; None when it took it, else what went wrong."""
    try:
        message = build_message(row)
        connection.send_messages([message])
    except (OSError, ValueError, TypeError, UnicodeError, LookupError) as error:
        return classify(error)
    return None


def next_due_at() -> datetime | None:
    """When the earliest row that waits (or is leased) becomes due, if any."""
    waiting = OutgoingMail.objects.filter(status=MailStatus.QUEUED).aggregate(at=Min("not_before"))[
        "at"
    ]
    leased = OutgoingMail.objects.filter(status=MailStatus.SENDING).aggregate(
        at=Min("leased_until")
    )["at"]
    times = [moment for moment in (waiting, leased) if moment is not None]
    if OutgoingMail.objects.filter(status=MailStatus.QUEUED, not_before__isnull=True).exists():
        times.append(timezone.now())
    return min(times) if times else None


def send_due(limit: int | None = None) -> SendFigures:
    """Send the due rows, a batch of `limit` (OUTBOX_BATCH_SIZE) at a time over one connection
    each, until none is due or the mail server is away. Returns what it did."""
    started = time.monotonic()
    owner = uuid.uuid4().hex
    limit = limit or settings.OUTBOX_BATCH_SIZE
    figures = SendFigures()
    while rows := lease_due(owner, limit):
        figures.batches += 1
        if not _send_batch(rows, owner, figures):
            break
    figures.seconds = round(time.monotonic() - started, 3)
    logger.info(
        "outbox: %d sent, %d failed, %d waiting, %d given back",
        figures.sent,
        figures.failed,
        figures.waiting,
        figures.given_back,
    )
    return figures
