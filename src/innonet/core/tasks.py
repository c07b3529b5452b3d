"""Background tasks of the core app."""

from django.core.mail import send_mail

from .tasking import retrying


# SMTP errors are OSErrors; a bad header (ValueError) would fail again, so it is not retried.
@retrying(backoff_seconds=60, retry_on=(OSError,))
def send_mail_task(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text mail from DEFAULT_FROM_EMAIL; retried when the mail server fails."""
    return send_mail(subject, body, None, recipients, fail_silently=False)


@retrying(backoff_seconds=60, retry_on=(OSError,))
def send_outbox() -> int:
    """Send the outbox's due mails (core/outbox); several runs at once share the rows."""
    from .outbox import send_due

    return send_due()
