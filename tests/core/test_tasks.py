"""Background tasks: enqueued after commit, retried with backoff, visible to staff only."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innonet.core.models import OutgoingMail
from innonet.core.tasking import backoff_delay, enqueue_on_commit, retrying
from innonet.core.tasks import send_mail_task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
MAIL = {"subject": "Hallo", "body": "Text", "recipients": ["a@beispiel.de"]}


class FlakySmtpBackend(LocmemBackend):
    """A mail backend whose server drops the connection for the first `failures` sends."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.core.test_tasks.FlakySmtpBackend"
    FlakySmtpBackend.calls = 0

    def fail(times: int) -> type[FlakySmtpBackend]:
        FlakySmtpBackend.failures = times
        return FlakySmtpBackend

    return fail


CALLS: list[str] = []


@retrying(backoff_seconds=60, retry_on=(OSError,))
def flaky_mail_task(*, subject: str) -> int:
    """Hands one mail straight to the configured backend: a task whose own work can fail."""
    return mail.send_mail(subject, "Text", None, ["a@beispiel.de"], fail_silently=False)


@retrying(backoff_seconds=10)
def always_fails_task(*, label: str) -> None:
    CALLS.append(label)
    raise RuntimeError(f"boom {label}")


@pytest.mark.django_db
def test_enqueue_on_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        enqueue_on_commit(send_mail_task, **MAIL)
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the task queues the mail; the outbox sends it after that commit
    assert [m.subject for m in mail.outbox] == ["Hallo"]


@pytest.mark.django_db
def test_enqueue_on_commit_stores_one_ready_row_on_the_database_backend(
    django_capture_on_commit_callbacks,
):
    """The task's row is written in the transaction, so it commits with the data or not at
    all: the database going away right after the commit cannot lose it (the fault run found a
    registration without its confirmation mail that way)."""
    with override_settings(TASKS=DATABASE_TASKS):
        with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
            enqueue_on_commit(send_mail_task, **MAIL)
            assert DBTaskResult.objects.count() == 1  # seen by others only after the commit
        assert callbacks == []  # nothing left to do after the commit
        row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.READY
    assert row.task_path == "innonet.core.tasks.send_mail_task"
    assert row.args_kwargs["kwargs"] == MAIL


@pytest.mark.django_db
def test_rolled_back_transaction_enqueues_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue_on_commit(send_mail_task, **MAIL)
        raise RuntimeError("rollback")
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_rolled_back_transaction_takes_its_database_task_with_it():
    with override_settings(TASKS=DATABASE_TASKS):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(send_mail_task, **MAIL)
            raise RuntimeError("rollback")
        assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_failing_task_is_retried_until_it_succeeds(flaky_smtp):
    backend = flaky_smtp(2)
    result = flaky_mail_task.enqueue(subject="Hallo")
    assert backend.calls == 3
    assert [m.subject for m in mail.outbox] == ["Hallo"]
    # The first run failed visibly; its retries ran after it.
    assert result.status == TaskResultStatus.FAILED
    assert "SMTPServerDisconnected" in result.errors[0].exception_class_path


@pytest.mark.django_db
def test_retries_stop_at_task_max_attempts(settings):
    settings.TASK_MAX_ATTEMPTS = 3
    CALLS.clear()
    result = always_fails_task.enqueue(label="x")
    assert CALLS == ["x", "x", "x"]
    assert result.status == TaskResultStatus.FAILED


@pytest.mark.django_db
def test_errors_that_cannot_heal_are_not_retried(flaky_smtp):
    backend = flaky_smtp(0)
    result = send_mail_task.enqueue(
        subject="Hallo\r\nBcc: x@boese.example", body="Text", recipients=["a@beispiel.de"]
    )
    assert result.status == TaskResultStatus.FAILED
    assert "BadHeaderError" in result.errors[0].exception_class_path
    assert len(result.errors) == 1  # one attempt, no retry
    assert backend.calls == 0
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_backoff_grows_and_is_capped():
    assert backoff_delay(1, base_seconds=30) == timedelta(seconds=30)
    assert backoff_delay(2, base_seconds=30) == timedelta(seconds=120)
    assert backoff_delay(20, base_seconds=30) == timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_worker_defers_the_retry_and_runs_it_later(flaky_smtp, settings):
    settings.TASKS = DATABASE_TASKS
    backend = flaky_smtp(1)
    flaky_mail_task.enqueue(subject="Hallo")

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert failed.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert retry.args_kwargs["kwargs"] == {"subject": "Hallo", "attempt": 2}
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    assert mail.outbox == []

    # Not due yet: the worker leaves it alone; once due, it runs and the mail goes out.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    assert backend.calls == 2
    assert [m.subject for m in mail.outbox] == ["Hallo"]


def _make_results(count: int) -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        for i in range(count):
            send_mail_task.enqueue(subject=f"s{i}", body="b", recipients=["a@beispiel.de"])
    failed = DBTaskResult.objects.order_by("enqueued_at").first()
    failed.status = TaskResultStatus.FAILED
    failed.exception_class_path = "smtplib.SMTPServerDisconnected"
    failed.traceback = "Traceback ...\nsmtplib.SMTPServerDisconnected: connection lost\n"
    failed.finished_at = timezone.now()
    failed.save()


@pytest.mark.django_db
def test_staff_see_task_results_with_errors(staff_client, django_assert_max_num_queries):
    _make_results(3)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("core:task_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("send_mail_task") >= 3
    assert "SMTPServerDisconnected" in body
    assert "connection lost" in body


@pytest.mark.django_db
def test_status_filter_and_bad_filter(staff_client):
    _make_results(3)
    response = staff_client.get(reverse("core:task_list"), {"status": "FAILED"})
    assert [row["result"].status for row in response.context["rows"]] == ["FAILED"]
    response = staff_client.get(reverse("core:task_list"), {"status": "<script>"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_task_list_is_paginated_with_constant_queries(staff_client, django_assert_max_num_queries):
    _make_results(60)
    with django_assert_max_num_queries(12):
        first = staff_client.get(reverse("core:task_list"))
    assert len(first.context["rows"]) == 50
    second = staff_client.get(reverse("core:task_list"), {"page": 2})
    assert len(second.context["rows"]) == 10


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["board", "member", "network_manager"])
def test_other_roles_are_refused(role, role_users, client_for):
    response = client_for(role_users[role]).get(reverse("core:task_list"))
    assert response.status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("core:task_list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
