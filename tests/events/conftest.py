"""Fixtures of the events tests: a real SMTP server (aiosmtpd) on the loopback interface."""

import email
import email.policy
from dataclasses import dataclass, field

import pytest

from tests.ports import free_port


@dataclass
class Received:
    """One message as the SMTP server saw it: envelope and parsed content."""

    sender: str
    recipients: list[str]
    raw: bytes
    message: email.message.EmailMessage

    def part(self, content_type: str) -> str:
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part.get_content()
        raise AssertionError(f"no {content_type} part")


@dataclass
class MailSink:
    """Collects what the server receives, in order."""

    messages: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), raw, parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [message for message in self.messages if address in message.recipients]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server for the test; Django sends to it through the SMTP backend."""
    from aiosmtpd.controller import Controller

    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield sink
    finally:
        controller.stop()
