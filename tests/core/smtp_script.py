"""A real SMTP server (aiosmtpd) for the outbox tests whose answers a test scripts: refuse an
address at RCPT, answer DATA with 451 or 554 for a while, or disappear after k messages."""

import email
import email.policy
import threading
from collections import Counter
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

from tests.ports import free_port


@dataclass
class Script:
    """What the server answers. `rcpt` maps an address to its RCPT answer; `data` holds the
    answers to the next DATA commands (then 250); after `vanish_after` accepted messages the
    server goes away in the middle of the next one, without accepting it."""

    rcpt: dict[str, str] = field(default_factory=dict)
    data: list[str] = field(default_factory=list)
    vanish_after: int | None = None


class ScriptedServer:
    """Records every accepted message (envelope and Message-ID) in order."""

    def __init__(self, port: int | None = None, script: Script | None = None) -> None:
        self.port = port or free_port()
        self.script = script or Script()
        self.received: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.running = False

    def start(self) -> "ScriptedServer":
        self.controller.start()
        self.running = True
        return self

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.controller.stop()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        answer = self.script.rcpt.get(address.lower())
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook
        with self.lock:
            if self.script.data:
                return self.script.data.pop(0)
            if (
                self.script.vanish_after is not None
                and len(self.received) >= self.script.vanish_after
            ):
                threading.Thread(target=self.stop, daemon=True).start()
                # Never answer: the server's stop drops this connection mid-transaction.
                server.transport.close()
                return "421 4.3.2 going away"
            raw = envelope.original_content or envelope.content
            self.received.append(email.message_from_bytes(raw, policy=email.policy.default))
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter:
        return Counter(str(message["Message-ID"]) for message in self.received)

    def use(self, settings) -> None:
        """Point Django's SMTP backend at this server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10
