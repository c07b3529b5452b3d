"""The outbox's rules without a real server: what an SMTP answer means, queueing in bulk with
blocked addresses, figures per batch, pacing, the planned next run and the retention of texts."""

import itertools
import smtplib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from innonet.core.outbox import (
    Kind,
    batch_figures,
    classify,
    message_id_for,
    outbox_nudge,
    outbox_prune,
    plan_next_run,
    queue_mail,
    queue_many,
    send_due,
    sending,
)
from innonet.core.outbox.retention import CLEARED
from innonet.core.tasks import send_mail_task, send_outbox

STATUS = MailStatus
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.parametrize(
    ("error", "kind", "hard_bounce"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.de": (550, b"5.1.1 unknown")}), Kind.PERMANENT, True),
        (smtplib.SMTPRecipientsRefused({"a@b.de": (551, b"not local")}), Kind.PERMANENT, True),
        (smtplib.SMTPRecipientsRefused({"a@b.de": (553, b"bad name")}), Kind.PERMANENT, True),
        (smtplib.SMTPRecipientsRefused({"a@b.de": (552, b"too big")}), Kind.PERMANENT, False),
        (smtplib.SMTPRecipientsRefused({"a@b.de": (450, b"greylisted")}), Kind.TEMPORARY, False),
        (smtplib.SMTPDataError(451, b"try later"), Kind.TEMPORARY, False),
        (smtplib.SMTPDataError(554, b"rejected"), Kind.PERMANENT, False),
        (smtplib.SMTPSenderRefused(553, b"sender", "x@y.de"), Kind.PERMANENT, False),
        (smtplib.SMTPResponseException(421, b"closing"), Kind.CONNECTION, False),
        (smtplib.SMTPServerDisconnected("gone"), Kind.CONNECTION, False),
        (ConnectionRefusedError(111, "refused"), Kind.CONNECTION, False),
        (TimeoutError("timed out"), Kind.CONNECTION, False),
        (ValueError("bad header"), Kind.PERMANENT, False),
    ],
)
def test_what_an_answer_means(error, kind, hard_bounce):
    outcome = classify(error)
    assert (outcome.kind, outcome.hard_bounce) == (kind, hard_bounce)
    assert outcome.reason


def pairs(count: int, prefix: str = "n1"):
    for n in range(count):
        yield f"{prefix}:{n}", EmailMultiAlternatives(f"Ausgabe {n}", "Text", to=[f"p{n}@x.de"])


@pytest.mark.django_db
def test_queue_many_stores_each_key_once_and_applies_blocked_addresses():
    SuppressedAddress.objects.create(address="p3@x.de", reason="550")
    assert queue_many(pairs(1200), category="newsletter", batch="n1", send=False) == 1200
    assert queue_many(pairs(1300), category="newsletter", batch="n1", send=False) == 100
    figures = batch_figures("n1")
    assert figures == {
        STATUS.QUEUED: 1299,
        STATUS.SENDING: 0,
        STATUS.SENT: 0,
        STATUS.FAILED: 0,
        STATUS.SUPPRESSED: 1,
    }
    row = OutgoingMail.objects.get(key="n1:7")
    assert row.message_id == message_id_for("n1:7")
    assert (row.category, row.batch, row.to_address) == ("newsletter", "n1", "p7@x.de")
    assert batch_figures("other") == dict.fromkeys(STATUS.values, 0)


@pytest.mark.django_db
def test_several_recipients_are_one_row_each(django_capture_on_commit_callbacks):
    message = EmailMessage("Hallo", "Text", to=["a@x.de", "b@x.de"], reply_to=["büro@x.de"])
    with django_capture_on_commit_callbacks(execute=True):
        rows = queue_mail(message, key="multi", category="test")
    assert [row.key for row in rows] == ["multi:a@x.de", "multi:b@x.de"]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.de", "b@x.de"]
    assert mail.outbox[0].reply_to == ["büro@x.de"]
    assert mail.outbox[0].extra_headers["Message-ID"] == rows[0].message_id


@pytest.mark.django_db
def test_attachments_and_copies_are_refused():
    with pytest.raises(ValueError, match="attachments"):
        queue_mail(EmailMessage("s", "b", to=["a@x.de"], cc=["c@x.de"]), key="k", category="t")
    message = EmailMessage("s", "b", to=["a@x.de"])
    message.attach("a.txt", "x", "text/plain")
    with pytest.raises(ValueError, match="attachments"):
        queue_mail(message, key="k", category="t")
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_a_repeated_mail_task_stores_the_mail_once(django_capture_on_commit_callbacks):
    kwargs = {"subject": "Hallo", "body": "Text", "recipients": ["a@x.de"]}
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_task.enqueue(**kwargs)
        send_mail_task.enqueue(**kwargs)
        send_mail_task.enqueue(**kwargs, key="second occasion")
    assert OutgoingMail.objects.count() == 2
    assert [m.subject for m in mail.outbox] == ["Hallo", "Hallo"]


@pytest.mark.django_db
def test_the_sender_paces_itself(settings, monkeypatch):
    settings.OUTBOX_MAX_PER_MINUTE = 30
    pauses: list[float] = []
    monkeypatch.setattr("innonet.core.outbox.sending.time.sleep", pauses.append)
    queue_many(pairs(3), category="test", send=False)
    assert send_due().sent == 3
    assert len(pauses) == 2  # none before the first mail
    assert all(0 < pause <= 2 for pause in pauses)


@pytest.mark.django_db
def test_a_long_batch_renews_its_lease(settings, monkeypatch):
    settings.OUTBOX_LEASE_SECONDS = 30
    renewed: list[int] = []
    clock = itertools.count(0, 11)  # every reading of the clock is 11 "seconds" later
    monkeypatch.setattr(sending, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    original = OutgoingMail.objects.filter

    def spying_filter(*args, **kwargs):
        if "pk__in" in kwargs and kwargs.get("lease_owner"):
            renewed.append(len(kwargs["pk__in"]))
        return original(*args, **kwargs)

    monkeypatch.setattr(OutgoingMail.objects, "filter", spying_filter)
    queue_many(pairs(5), category="test", send=False)
    assert send_due().sent == 5
    assert renewed  # the rows still to send got a new lease while the batch went out


@pytest.mark.django_db
def test_a_waiting_mail_plans_one_later_run(settings):
    settings.TASKS = DATABASE_TASKS
    later = timezone.now() + timedelta(minutes=4)
    queue_mail(EmailMessage("s", "b", to=["a@x.de"]), key="k", category="t", send=False)
    OutgoingMail.objects.update(not_before=later)
    assert plan_next_run() is True
    assert plan_next_run() is False  # one planned run is enough
    [run] = DBTaskResult.objects.filter(task_path=send_outbox.module_path)
    assert run.status == TaskResultStatus.READY
    assert run.run_after == later


@pytest.mark.django_db
def test_mails_queued_while_a_sender_run_waits_join_it(
    settings, django_capture_on_commit_callbacks
):
    """Sixty registrations in a minute are one sender run, not sixty; once the run has
    started (it may have read its rows already) the next mail gets a run of its own."""
    settings.TASKS = DATABASE_TASKS
    runs = DBTaskResult.objects.filter(task_path=send_outbox.module_path)
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            queue_mail(
                EmailMessage("s", "b", to=[f"p{number}@x.de"]), key=f"k{number}", category="t"
            )
    assert runs.count() == 1
    runs.update(status=TaskResultStatus.RUNNING)
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(EmailMessage("s", "b", to=["late@x.de"]), key="late", category="t")
    assert runs.count() == 2
    assert runs.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db
def test_nothing_waiting_plans_nothing(settings):
    settings.TASKS = DATABASE_TASKS
    assert plan_next_run() is False
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_old_texts_are_cleared_but_who_got_what_stays():
    queue_many(pairs(2), category="test", send=False)
    send_due()
    old, recent = OutgoingMail.objects.order_by("id")
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    assert outbox_prune() == 1
    assert outbox_prune() == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.body_text, old.body_html, old.status) == (CLEARED, "", STATUS.SENT)
    assert old.to_address == "p0@x.de"
    assert recent.body_text == "Text"


@pytest.mark.django_db
@override_settings(OUTBOX_RETENTION_DAYS=1)
def test_waiting_mails_keep_their_text():
    queue_many(pairs(1), category="test", send=False)
    OutgoingMail.objects.update(created_at=timezone.now() - timedelta(days=5))
    assert outbox_prune() == 0


@pytest.mark.django_db
def test_the_heartbeat_s_nudge_starts_a_sender_for_forgotten_mails(settings):
    settings.TASKS = DATABASE_TASKS
    assert outbox_nudge() is False  # nothing due
    queue_mail(EmailMessage("s", "b", to=["a@x.de"]), key="k", category="t", send=False)
    assert outbox_nudge() is True
    assert outbox_nudge() is False  # one run waits already
    assert DBTaskResult.objects.filter(task_path=send_outbox.module_path).count() == 1


@pytest.mark.django_db
def test_a_mail_the_server_took_is_marked_sent_once_the_database_is_back(monkeypatch):
    """The database restarts between the server's 250 and the mark: the sender waits for it
    and marks the row, instead of leaving it to run out its lease and go out a second time."""
    original = sending.commit_without_waiting_for_the_disk
    failures = iter([True])

    def restarting() -> None:
        if next(failures, False):
            raise OperationalError("server closed the connection unexpectedly")
        original()

    monkeypatch.setattr(sending, "commit_without_waiting_for_the_disk", restarting)
    monkeypatch.setattr(sending.database, "close", lambda: None)  # the test's transaction stays
    monkeypatch.setattr("innonet.core.outbox.sending.time.sleep", lambda seconds: None)
    queue_many(pairs(2), category="test", send=False)
    assert send_due().sent == 2
    assert len(mail.outbox) == 2
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {STATUS.SENT}
