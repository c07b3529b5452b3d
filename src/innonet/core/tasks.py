"""Background tasks of the core app."""

import hashlib
import json

from django.core.mail import EmailMessage
from django.db import DatabaseError

from .tasking import retrying


@retrying(backoff_seconds=60, retry_on=(DatabaseError,))
def send_mail_task(*, subject: str, body: str, recipients: list[str], key: str = "") -> int:
    """Put one plain-text mail from DEFAULT_FROM_EMAIL into the outbox (one row per recipient;
    the outbox retries when the mail server fails). Without `key` the mail is keyed by its
    content, so a repeated run stores it once; pass a key for mails that may repeat."""
    from .outbox import queue_mail

    if not key:
        content = json.dumps([subject, body, sorted(recipients)], ensure_ascii=False)
        key = "core.mail:" + hashlib.sha256(content.encode()).hexdigest()[:40]
    message = EmailMessage(subject=subject, body=body, to=list(recipients))
    return len(queue_mail(message, key=key, category="core.mail"))


# A run whose worker died runs again; rows it had leased are sent once their lease runs out.
@retrying(backoff_seconds=60, retry_on=(DatabaseError,))
def send_outbox() -> dict:
    """Send the outbox's due mails (core/outbox); several runs at once share the rows. Plans
    a later run when mails wait after a temporary failure, and clears old mail texts."""
    from .outbox import outbox_prune, plan_next_run, send_due

    figures = send_due()
    plan_next_run()
    outbox_prune()
    return figures.as_dict()


@retrying(backoff_seconds=600, retry_on=(DatabaseError,))
def privacy_retention() -> dict:
    """The daily retention run (core/privacy/retention.py): delete or anonymise personal data
    past its period, count what waits for the office; enqueued by the worker once a day."""
    from .privacy.retention import retention_run

    outcomes = retention_run(apply=True)
    return {item.rule.key: {"due": item.due, "done": item.done} for item in outcomes}
