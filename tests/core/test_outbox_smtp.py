"""The outbox against a real SMTP server (RELIABILITY items 22 and 23): a server that answers
451 or 550, disappears mid-run or comes back, a sender killed mid-send, and no header
injection. The server counts Message-IDs, so a lost or doubled mail shows."""

from datetime import timedelta

import pytest
from django.core.mail import BadHeaderError, EmailMessage, EmailMultiAlternatives
from django.utils import timezone

from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from innonet.core.outbox import batch_figures, queue_mail, queue_many, send_due

from .smtp_script import Script, ScriptedServer

pytestmark = pytest.mark.django_db
STATUS = MailStatus


@pytest.fixture
def smtp(settings):
    """A scripted SMTP server for the test; Django's SMTP backend points at it."""
    servers: list[ScriptedServer] = []

    def start(script: Script | None = None, port: int | None = None) -> ScriptedServer:
        server = ScriptedServer(port=port, script=script).start()
        server.use(settings)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def mail(to: str, subject: str = "Hallo") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject=subject, body=f"Text für {to}", to=[to])
    message.attach_alternative(f"<p>Text für {to}</p>", "text/html")
    return message


def queue(count: int, *, batch: str = "b1", domain: str = "beispiel.de") -> list[OutgoingMail]:
    pairs = [(f"test:{batch}:{n}", mail(f"p{n}@{domain}")) for n in range(count)]
    queue_many(pairs, category="test", batch=batch, send=False)
    return list(OutgoingMail.objects.filter(batch=batch).order_by("id"))


def make_due() -> None:
    OutgoingMail.objects.filter(status=STATUS.QUEUED).update(not_before=timezone.now())


def statuses() -> dict[str, int]:
    return {k: v for k, v in batch_figures("b1").items() if v}


def test_mails_go_out_once_with_their_own_message_id(smtp):
    server = smtp()
    rows = queue(3)
    figures = send_due()
    assert figures.sent == 3
    assert server.message_ids() == {row.message_id: 1 for row in rows}
    assert statuses() == {STATUS.SENT: 3}
    first = server.received[0]
    assert first.get_content_type() == "multipart/alternative"
    assert "Text für p0@beispiel.de" in first.get_body(("plain",)).get_content()
    # Queued again under the same keys (a resumed newsletter): nothing new, nothing resent.
    assert queue_many([(f"test:b1:{n}", mail(f"p{n}@beispiel.de")) for n in range(3)],
                      category="test", batch="b1", send=False) == 0  # fmt: skip
    assert send_due().sent == 0
    assert len(server.received) == 3


def test_451_keeps_the_mail_waiting_until_the_server_takes_it(smtp):
    server = smtp(Script(data=["451 4.3.0 Please try again later"]))
    [row] = queue(1)
    figures = send_due()
    assert (figures.sent, figures.waiting) == (0, 1)
    row.refresh_from_db()
    assert row.status == STATUS.QUEUED
    assert row.attempts == 1
    assert row.not_before > timezone.now()
    assert row.last_error.startswith("451")
    assert send_due().sent == 0  # not due yet
    make_due()
    assert send_due().sent == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (STATUS.SENT, 2, "")
    assert server.message_ids() == {row.message_id: 1}


def test_550_at_rcpt_fails_the_mail_and_blocks_the_address(smtp):
    server = smtp(Script(rcpt={"weg@beispiel.de": "550 5.1.1 Mailbox unknown"}))
    queue_mail(mail("weg@beispiel.de"), key="t:gone", category="test", send=False)
    queue_mail(mail("da@beispiel.de"), key="t:here", category="test", send=False)
    figures = send_due()
    assert (figures.sent, figures.failed) == (1, 1)
    gone = OutgoingMail.objects.get(key="t:gone")
    assert gone.status == STATUS.FAILED
    assert "550" in gone.last_error
    assert SuppressedAddress.objects.get().address == "weg@beispiel.de"
    # Later mails to the address (in any spelling) are stored as suppressed and never tried.
    [later] = queue_mail(mail("Weg@Beispiel.de"), key="t:later", category="test", send=False)
    assert later.status == STATUS.SUPPRESSED
    assert send_due().sent == 0
    assert [r for rs in server.recipients for r in rs] == ["da@beispiel.de"]


def test_a_permanent_answer_to_the_data_fails_only_that_mail(smtp):
    server = smtp(Script(data=["554 5.6.0 Message rejected"]))
    rows = queue(2)
    figures = send_due()
    assert (figures.sent, figures.failed) == (1, 1)
    rows[0].refresh_from_db()
    assert rows[0].status == STATUS.FAILED
    assert rows[0].last_error.startswith("554")
    assert not SuppressedAddress.objects.exists()  # a refused message is no hard bounce
    assert server.message_ids() == {rows[1].message_id: 1}


def test_server_vanishing_mid_run_loses_and_doubles_nothing(smtp, settings):
    first = smtp(Script(vanish_after=4))
    rows = queue(12)
    figures = send_due()
    assert figures.sent == 4
    assert figures.waiting == 1  # the mail in flight when the connection dropped
    assert figures.given_back == 7  # untried: their attempt is not counted
    assert statuses() == {STATUS.SENT: 4, STATUS.QUEUED: 8}
    assert set(OutgoingMail.objects.filter(status=STATUS.QUEUED, attempts=0).values_list(
        "pk", flat=True)) == {row.pk for row in rows[5:]}  # fmt: skip
    # While the server is away, a run gives everything back again.
    make_due()
    away = send_due()
    assert (away.sent, away.given_back) == (0, 8)
    # The server returns on the same port; the waiting mails go out.
    second = smtp(port=first.port)
    make_due()
    assert send_due().sent == 8
    delivered = first.message_ids() + second.message_ids()
    assert delivered == {row.message_id: 1 for row in rows}
    assert statuses() == {STATUS.SENT: 12}


def test_a_killed_sender_s_rows_are_sent_once_its_lease_ran_out(smtp):
    server = smtp()
    dead, alive = queue(2)
    past, future = timezone.now() - timedelta(seconds=1), timezone.now() + timedelta(minutes=5)
    OutgoingMail.objects.filter(pk=dead.pk).update(
        status=STATUS.SENDING, attempts=1, leased_until=past, lease_owner="killed"
    )
    OutgoingMail.objects.filter(pk=alive.pk).update(
        status=STATUS.SENDING, attempts=1, leased_until=future, lease_owner="still-working"
    )
    assert send_due().sent == 1
    assert server.message_ids() == {dead.message_id: 1}
    alive.refresh_from_db()
    assert (alive.status, alive.lease_owner) == (STATUS.SENDING, "still-working")


def test_a_mail_that_keeps_killing_its_sender_fails_after_the_last_attempt(smtp, settings):
    server = smtp()
    [row] = queue(1)
    OutgoingMail.objects.filter(pk=row.pk).update(
        status=STATUS.SENDING,
        attempts=settings.OUTBOX_MAX_ATTEMPTS,
        leased_until=timezone.now() - timedelta(seconds=1),
    )
    assert send_due().sent == 0
    row.refresh_from_db()
    assert row.status == STATUS.FAILED
    assert "gave up" in row.last_error
    assert server.received == []


def test_temporary_failures_end_in_failed_after_the_last_attempt(smtp, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp(Script(data=["452 4.2.2 Mailbox full"] * 3))
    [row] = queue(1)
    for _attempt in range(3):
        make_due()
        send_due()
    row.refresh_from_db()
    assert row.status == STATUS.FAILED
    assert row.attempts == 3
    assert row.last_error.startswith("gave up after 3 attempts: 452")


def test_no_server_gives_the_batch_back_without_counting_attempts(settings):
    from tests.ports import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    rows = queue(3)
    figures = send_due()
    assert (figures.sent, figures.given_back) == (0, 3)
    assert "Connection" in figures.errors[0] or "refused" in figures.errors[0].lower()
    for row in rows:
        row.refresh_from_db()
        assert (row.status, row.attempts) == (STATUS.QUEUED, 0)
        assert row.not_before > timezone.now()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "Hallo\r\nBcc: x@boese.example"),
        ("subject", "Hallo\nBcc: x@boese.example"),
        ("to", "opfer@beispiel.de\r\nBcc: x@boese.example"),
        ("to", "Evil\r\nBcc: x@boese.example <opfer@beispiel.de>"),
        ("to", "kein-mail-adresse"),
        ("header", "wert\r\nBcc: x@boese.example"),
        ("reply_to", "a@beispiel.de\nBcc: x@boese.example"),
    ],
)
def test_line_breaks_in_headers_are_refused_and_nothing_is_stored(smtp, field, value):
    server = smtp()
    message = EmailMessage(subject="Hallo", body="Text", to=["opfer@beispiel.de"])
    if field == "subject":
        message.subject = value
    elif field == "to":
        message.to = [value]
    elif field == "header":
        message.extra_headers = {"X-Thema": value}
    else:
        message.reply_to = [value]
    with pytest.raises(BadHeaderError):
        queue_mail(message, key="t:crlf", category="test", send=False)
    with pytest.raises(BadHeaderError):
        queue_many([("t:crlf", message)], category="test", send=False)
    assert not OutgoingMail.objects.exists()
    send_due()
    assert server.received == []


def test_a_name_with_the_address_goes_to_that_address_only(smtp):
    server = smtp()
    message = EmailMessage(subject="Hallo", body="Text", to=["Jörg Weiß <joerg@beispiel.de>"])
    [row] = queue_mail(message, key="t:name", category="test", send=False)
    assert row.to_address == "joerg@beispiel.de"
    send_due()
    assert server.recipients == [["joerg@beispiel.de"]]
    assert "Jörg Weiß" in str(server.received[0]["To"])
