"""Retention of every kind of personal data (RELIABILITY item 41): each processing of the
register has a rule; for each kind, rows past the period go (or lose their identity), fresh
rows stay, and a dry run changes nothing. The register's text and the enforced period come
from one setting."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from innonet.accounts.models import User
from innonet.content.models import Subscription, SubscriptionEvent, SubscriptionStatus
from innonet.core import audit
from innonet.core.models import AuditEntry, MailStatus, OutgoingMail, PersonalDataAccess
from innonet.core.outbox.retention import CLEARED
from innonet.core.privacy import ERASED
from innonet.core.privacy.register import PROCESSINGS, SECURITY
from innonet.core.privacy.retention import Action, retention_nudge, retention_rules, retention_run
from innonet.core.rest.models import IdempotencyKey
from innonet.core.tasks import privacy_retention
from innonet.events.models import Feedback, Registration
from innonet.partners.models import Consent, Interaction
from tests.content.newsletter_factories import SubscriptionEventFactory, SubscriptionFactory
from tests.factories import (
    ConsentFactory,
    EventFactory,
    FeedbackFactory,
    InteractionFactory,
    OutgoingMailFactory,
    PersonalDataAccessFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LONG_AGO = timedelta(days=365 * 6)  # past every default period


def rules_by_key():
    return {rule.key: rule for rule in retention_rules()}


def test_every_processing_of_the_register_has_a_retention_rule():
    covered = {rule.processing_key for rule in retention_rules()}
    missing = sorted(set(PROCESSINGS) - covered)
    assert not missing, f"add a retention rule (core/privacy/retention.py) for: {missing}"


def test_a_period_the_register_names_is_enforced_and_only_that_one():
    for key, processing in PROCESSINGS.items():
        rules = [rule for rule in retention_rules() if rule.processing is processing]
        period = processing.retention.period
        acting = [rule for rule in rules if rule.action != Action.KEEP and not rule.own_expiry]
        if period is None:
            assert not acting, f"{key}: a rule acts on a period the register does not name"
        else:
            assert acting, f"{key}: the register names {period}, but no rule enforces it"
            assert "%(period)s" in str(processing.retention.text)
            assert all(rule.period is period for rule in acting)


def test_the_register_text_and_the_enforced_period_read_one_setting(settings, db):
    settings.LANGUAGE_CODE = "en"
    settings.AUDIT_RETENTION_YEARS = 5
    from django.utils import translation

    with translation.override("en"):
        assert str(SECURITY.retention) == "5 years, then deleted"
    now = timezone.now()
    assert rules_by_key()["core.audit_entries"].cutoff(now) == now - timedelta(days=5 * 365)


def _in_the_past(factory, **kwargs):
    with time_machine.travel(timezone.now() - LONG_AGO):
        return factory(**kwargs)


def _audit(**kwargs):
    return audit.record(None, "core.retention.test", data={})


def _consent_pair():
    """An old consent superseded by a later one (due) and the later one (stays)."""
    person = PersonFactory()
    old = _in_the_past(ConsentFactory, person=person)
    with time_machine.travel(timezone.now() - LONG_AGO + timedelta(days=1)):
        newest_old = ConsentFactory(person=person, granted=False)
    return old, newest_old


def _mail():
    return OutgoingMailFactory(status=MailStatus.SENT)


def _idempotency(user=None):
    return IdempotencyKey.objects.create(
        user=user or UserFactory(), key="k" + str(timezone.now().timestamp()), method="POST",
        path="/api/v1/people/", fingerprint="f", status_code=201, response_body={"id": 1},
    )  # fmt: skip


def _task_result():
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.SUCCESSFUL, args_kwargs={"args": [], "kwargs": {}},
        task_path="innonet.core.tasks.send_mail_task", backend_name="default",
        run_after=get_date_max(), finished_at=now, queue_name="default",
    )  # fmt: skip


def _session(expired: bool):
    moment = timezone.now() + (timedelta(hours=-1) if expired else timedelta(hours=1))
    return Session.objects.create(
        session_key=("x" if expired else "y") * 32, session_data="", expire_date=moment
    )


# kind: (make a due row, make a fresh row, is the row gone or changed)
def _gone(model):
    return lambda row: not model._base_manager.filter(pk=row.pk).exists()


CASES = {
    "core.audit_entries": (lambda: _in_the_past(_audit), _audit, _gone(AuditEntry)),
    "core.data_accesses": (
        lambda: _in_the_past(PersonalDataAccessFactory),
        PersonalDataAccessFactory,
        _gone(PersonalDataAccess),
    ),
    "core.api_answers": (
        lambda: _in_the_past(_idempotency),
        _idempotency,
        _gone(IdempotencyKey),
    ),
    "core.task_results": (lambda: _in_the_past(_task_result), _task_result, _gone(DBTaskResult)),
    "core.sessions": (lambda: _session(True), lambda: _session(False), _gone(Session)),
    "core.mail_texts": (
        lambda: _in_the_past(_mail),
        _mail,
        lambda mail: OutgoingMail.objects.get(pk=mail.pk).body_text == CLEARED,
    ),
    "partners.consents": (
        lambda: _consent_pair()[0],
        lambda: ConsentFactory(),
        _gone(Consent),
    ),
    "content.subscriptions": (
        lambda: _in_the_past(
            SubscriptionFactory,
            status=SubscriptionStatus.UNSUBSCRIBED,
            unsubscribed_at=timezone.now() - LONG_AGO,
        ),
        lambda: SubscriptionFactory(
            status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        ),
        _gone(Subscription),
    ),
    "events.registrations": (
        lambda: RegistrationFactory(
            event=EventFactory(starts_at=timezone.now() - LONG_AGO), last_name="Altgast"
        ),
        lambda: RegistrationFactory(last_name="Neugast"),
        lambda registration: Registration.objects.get(pk=registration.pk).last_name == ERASED,
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_due_rows_go_fresh_rows_stay_and_a_dry_run_changes_nothing(kind, db):
    make_due, make_fresh, changed = CASES[kind]
    due, fresh = make_due(), make_fresh()

    [outcome] = retention_run(keys=[kind])
    assert outcome.due == 1 and outcome.done == 0
    assert not changed(due), "a dry run changed a row"

    [outcome] = retention_run(apply=True, keys=[kind])
    assert outcome.done == 1
    assert changed(due)
    assert not changed(fresh)
    [again] = retention_run(keys=[kind])
    assert again.due == 0


def test_the_consent_log_keeps_the_newest_entry_however_old(db):
    old, newest = _consent_pair()
    retention_run(apply=True, keys=["partners.consents"])
    assert list(Consent.objects.filter(person=old.person)) == [newest]


def test_an_ended_subscription_goes_with_its_consent_log(db):
    subscription = _in_the_past(
        SubscriptionFactory, status=SubscriptionStatus.PENDING, confirmed_at=None
    )
    SubscriptionEventFactory(subscription=subscription)
    active = _in_the_past(SubscriptionFactory)
    retention_run(apply=True, keys=["content.subscriptions"])
    assert list(Subscription.objects.all()) == [active]
    assert not SubscriptionEvent.objects.filter(subscription_id=subscription.pk).exists()


def test_registrations_of_old_events_lose_names_and_comments_but_keep_the_counts(db):
    event = EventFactory(starts_at=timezone.now() - LONG_AGO)
    registration = RegistrationFactory(event=event, email="alt@beispiel.de", remarks="vegan")
    FeedbackFactory(registration=registration, comment="Herr Alt war da")
    retention_run(apply=True, keys=["events.registrations"])
    registration.refresh_from_db()
    assert registration.email != "alt@beispiel.de" and registration.remarks == ""
    assert registration.status == "confirmed" and event.registrations.count() == 1
    assert Feedback.objects.get(registration=registration).comment == ""


def test_flagged_kinds_are_counted_and_left_for_the_office(db):
    unused = _in_the_past(UserFactory)
    note = InteractionFactory(happened_on=(timezone.now() - LONG_AGO).date())
    outcomes = {item.rule.key: item for item in retention_run(apply=True)}
    assert outcomes["accounts.unused"].due >= 1
    assert outcomes["partners.interactions"].due == 1
    assert outcomes["partners.interactions"].done == 0
    assert User.objects.get(pk=unused.pk).is_active
    assert Interaction.objects.filter(pk=note.pk).exists()


def test_applying_records_counts_per_kind_without_personal_data(db):
    _in_the_past(PersonalDataAccessFactory, actor_label="Erika Musterfrau")
    _in_the_past(_audit)
    retention_run(apply=True)
    entry = AuditEntry.objects.get(action="core.retention.applied")
    assert entry.data["delete"]["core.data_accesses"] == 1
    assert entry.data["delete"]["core.audit_entries"] >= 1
    assert "Musterfrau" not in str(entry.data) and entry.object_label == ""


def test_an_unknown_kind_is_refused_before_anything_happens(db):
    due = _in_the_past(PersonalDataAccessFactory)
    with pytest.raises(ValueError, match="unknown"):
        retention_run(apply=True, keys=["core.data_accesses", "nonsense"])
    assert PersonalDataAccess.objects.filter(pk=due.pk).exists()


def test_the_daily_task_applies_the_rules(db):
    due = _in_the_past(PersonalDataAccessFactory)
    figures = privacy_retention.call()
    assert figures["core.data_accesses"] == {"due": 1, "done": 1}
    assert not PersonalDataAccess.objects.filter(pk=due.pk).exists()


def test_the_worker_enqueues_the_daily_run_once_a_day(settings, db):
    settings.TASKS = DATABASE_TASKS
    assert retention_nudge() is True
    assert retention_nudge() is False  # enqueued in the last day
    later = timezone.now() + timedelta(days=1, minutes=1)
    assert retention_nudge(now=later) is True
    assert DBTaskResult.objects.filter(task_path=privacy_retention.module_path).count() == 2


def test_the_command_is_a_dry_run_by_default_and_acts_with_apply(db, capsys):
    due = _in_the_past(PersonalDataAccessFactory)
    call_command("retention")
    out = capsys.readouterr().out
    assert "core.data_accesses" in out and "partners.people" in out
    assert PersonalDataAccess.objects.filter(pk=due.pk).exists()
    call_command("retention", "--apply", "--kind", "core.data_accesses")
    assert not PersonalDataAccess.objects.filter(pk=due.pk).exists()


@pytest.mark.parametrize(
    "kind", ["nonsense", "core.audit_entries'; DROP TABLE x;--", "", "ä" * 300]
)
def test_the_command_refuses_unknown_kinds(kind, db):
    due = _in_the_past(PersonalDataAccessFactory)
    with pytest.raises(CommandError, match=r"core\.data_accesses"):  # the known kinds
        call_command("retention", "--apply", "--kind", kind)
    assert PersonalDataAccess.objects.filter(pk=due.pk).exists()
