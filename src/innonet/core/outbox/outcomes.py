"""What an SMTP error means for one outbox row: a pure rule, tested without a server.

Temporary (the row waits and is tried again): 4xx answers, a lost or refused connection, a
timeout. Permanent (the row fails with the reason): 5xx answers, and a mail that cannot be
built. A recipient refused for good at RCPT (550, 551, 553) is a hard bounce: the address is
blocked, so later mails to it are not even tried. A lost connection also stops the batch, since
the rows behind it cannot be sent over it either.
"""

import smtplib
from dataclasses import dataclass
from enum import Enum

__all__ = ["HARD_BOUNCE_CODES", "Kind", "Outcome", "classify"]

# RCPT answers that say the mailbox does not exist or is not accepted, ever (RFC 5321 4.2.2).
HARD_BOUNCE_CODES = frozenset({550, 551, 553})
REASON_LENGTH = 2000


class Kind(Enum):
    TEMPORARY = "temporary"  # this row waits; the connection is still usable
    CONNECTION = "connection"  # this row waits; the connection is gone, the batch stops
    PERMANENT = "permanent"  # this row fails


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    reason: str
    hard_bounce: bool = False


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _by_code(code: int, reason: str, *, at_rcpt: bool = False) -> Outcome:
    if code == 421:  # the server closes the connection (RFC 5321 3.8)
        return Outcome(Kind.CONNECTION, reason)
    if 400 <= code < 500:
        return Outcome(Kind.TEMPORARY, reason)
    return Outcome(Kind.PERMANENT, reason, hard_bounce=at_rcpt and code in HARD_BOUNCE_CODES)


def classify(error: BaseException) -> Outcome:
    """The outcome of `error`, raised while one row was handed to the mail server."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = list(error.recipients.items())
        if not refusals:
            return Outcome(Kind.PERMANENT, "recipient refused")
        address, (code, message) = refusals[0]
        reason = f"{code} {_text(message)} ({address})"[:REASON_LENGTH]
        return _by_code(int(code), reason, at_rcpt=True)
    if isinstance(error, smtplib.SMTPResponseException):
        reason = f"{error.smtp_code} {_text(error.smtp_error)}"[:REASON_LENGTH]
        return _by_code(int(error.smtp_code), reason)
    if isinstance(error, OSError):  # disconnects, refused connections, timeouts, TLS errors
        reason = f"{type(error).__name__}: {error}"[:REASON_LENGTH]
        return Outcome(Kind.CONNECTION, reason)
    return Outcome(Kind.PERMANENT, f"{type(error).__name__}: {error}"[:REASON_LENGTH])
