"""Call deadlines: the iCalendar feed, reminder mails two and one week before (each once, to
the owners of the projects aimed at the call and to staff), the catch-up command and the staff
dashboard's box."""

from datetime import timedelta
from io import StringIO

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from innonet.events import ical as event_ical
from innonet.projects import services
from innonet.projects.models import DeadlineReminder
from innonet.projects.tasks import due_offset, send_deadline_reminders
from tests.factories import UserFactory
from tests.projects.calls import make_call
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


# The feed ------------------------------------------------------------------------------------


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_the_feed_lists_deadlines_of_active_calls_and_no_project(client_for, role_users):
    call = make_call(title="Aufruf Quantensensorik", days=(20, 60))
    make_call(title="Alter Aufruf", days=(-200,))
    make_call(title="Ruhender Aufruf", is_active=False)
    ProjectFactory(title="Vertrauliches Projekt", call=call, programme=call.programme)
    response = client_for(role_users["member"]).get(reverse("projects:deadline_feed"))
    events = _events(response)
    assert [str(e["summary"]) for e in events] == [
        "Frist 1: Aufruf Quantensensorik",
        "Frist 2: Aufruf Quantensensorik",
    ]
    assert "Vertrauliches Projekt" not in response.content.decode()
    triggers = sorted(alarm["trigger"].dt for alarm in events[0].walk("VALARM"))
    assert triggers == [-timedelta(days=14), -timedelta(days=7)]


def test_a_moved_deadline_keeps_its_uid(client_for, role_users):
    call = make_call(days=(20,))
    client = client_for(role_users["staff"])
    before = _events(client.get(reverse("projects:deadline_feed")))[0]
    deadline = call.deadlines.get()
    services.call_update(
        call,
        data={},
        deadlines=[services.Deadline(deadline.label, deadline.due_at + timedelta(days=3))],
        acting_user=role_users["staff"],
    )
    after = _events(client.get(reverse("projects:deadline_feed")))[0]
    assert str(before["uid"]) == str(after["uid"])
    assert after["dtstart"].dt > before["dtstart"].dt


def test_calendar_clients_use_the_personal_key(client, role_users):
    make_call(title="Aufruf Robotik")
    url = reverse("projects:deadline_feed")
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    token = event_ical.feed_token(role_users["member"])
    assert len(_events(client.get(url, {"token": token}))) == 1
    assert client.get(url, {"token": token[:-2] + "xx"}).status_code == 404
    event_ical.feed_key_reset(role_users["member"])
    assert client.get(url, {"token": token}).status_code == 404


def test_the_programme_list_offers_the_subscription_address(client_for, role_users):
    page = client_for(role_users["member"]).get(reverse("projects:programme_list"))
    assert "fristen.ics?token=" in page.content.decode()


# Reminder windows ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (timedelta(days=15), None),
        (timedelta(days=14), 14),
        (timedelta(days=8), 14),
        (timedelta(days=7), 7),
        (timedelta(hours=1), 7),
        (timedelta(0), None),
        (timedelta(days=-1), None),
    ],
)
def test_each_reminder_has_its_window(left, expected):
    now = timezone.now()
    assert due_offset(now + left, now) == expected


# Reminder mails ------------------------------------------------------------------------------


@pytest.fixture
def people(role_users):
    owner = UserFactory(role="staff", language="en", full_name="Olga Owner")
    return {"staff": role_users["staff"], "owner": owner, "member": role_users["member"]}


def _run(call, days):
    deadline = call.deadlines.get()
    return send_deadline_reminders.call(
        call_id=call.pk, due_at=deadline.due_at.isoformat(), days_before=days
    )


def test_reminders_go_to_staff_and_owners_once(people, django_capture_on_commit_callbacks):
    call = make_call(title="Aufruf Bioökonomie", days=(10,))
    ProjectFactory(title="Pilzleder", call=call, programme=call.programme, owner=people["owner"])
    ProjectFactory(title="Abgelehnt", call=call, programme=call.programme, stage="rejected")
    with django_capture_on_commit_callbacks(execute=True):
        planned = _run(call, 14)
    recipients = {message.to[0] for message in mail.outbox}
    assert planned == len(mail.outbox) == len(recipients)
    assert {people["staff"].email, people["owner"].email} <= recipients
    assert people["member"].email not in recipients
    owners_mail = next(m for m in mail.outbox if m.to == [people["owner"].email])
    assert "Pilzleder" in owners_mail.body
    assert "Your projects aimed at this call" in owners_mail.body  # in her language
    assert "Abgelehnt" not in owners_mail.body
    assert "\n" not in owners_mail.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(call, 14) == 0
    assert len(mail.outbox) == len(recipients)
    assert DeadlineReminder.objects.filter(sent_at__isnull=False).count() == len(recipients)


def test_a_run_that_died_after_recording_is_mailed_by_the_next(
    people, django_capture_on_commit_callbacks
):
    """The worker was killed after the reminders were committed and before their mail tasks
    were enqueued: the repeated run records nothing new but sends what is recorded."""
    call = make_call(days=(10,))
    deadline = call.deadlines.get()
    DeadlineReminder.objects.create(
        call=call, label=deadline.label, due_at=deadline.due_at, days_before=14,
        recipient=people["staff"],
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        _run(call, 14)
    assert [message.to for message in mail.outbox].count([people["staff"].email]) == 1
    assert not DeadlineReminder.objects.filter(sent_at__isnull=True).exists()


def test_a_reminder_out_of_its_window_sends_nothing(people, django_capture_on_commit_callbacks):
    call = make_call(days=(10,))
    with django_capture_on_commit_callbacks(execute=True):
        assert _run(call, 7) == 0
        early = make_call(days=(30,))
        assert _run(early, 14) == 0
    assert mail.outbox == []


def test_a_moved_or_inactive_deadline_sends_nothing(people, django_capture_on_commit_callbacks):
    call = make_call(days=(10,))
    deadline = call.deadlines.get()
    old = deadline.due_at.isoformat()
    deadline.due_at += timedelta(hours=2)
    deadline.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders.call(call_id=call.pk, due_at=old, days_before=14) == 0
        call.is_active = False
        call.save()
        assert _run(call, 14) == 0
    assert mail.outbox == []


def test_saving_a_call_sends_a_reminder_that_is_already_due(
    people, django_capture_on_commit_callbacks
):
    programme = make_call().programme
    due = timezone.now() + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        call = services.call_create(
            programme,
            data={"title": "Kurzfristig"},
            deadlines=[services.Deadline("Antrag", due)],
            acting_user=people["staff"],
        )
    assert mail.outbox
    assert {r.days_before for r in DeadlineReminder.objects.filter(call=call)} == {7}
    sent = len(mail.outbox)
    # Editing the call (the deadline rows are replaced) sends nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        services.call_update(
            call,
            data={"topics": "Neu"},
            deadlines=[services.Deadline("Antrag", due)],
            acting_user=people["staff"],
        )
    assert len(mail.outbox) == sent


def test_the_command_catches_up_once(people, django_capture_on_commit_callbacks):
    make_call(title="Bald", days=(3,))
    make_call(title="Später", days=(12,))
    make_call(title="Noch lange hin", days=(40,))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("deadline_mails", stdout=StringIO())
    staff_mails = [m for m in mail.outbox if m.to == [people["staff"].email]]
    subjects = sorted(m.subject for m in staff_mails)
    assert len(subjects) == 2
    assert any("Bald" in s for s in subjects) and any("Später" in s for s in subjects)
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("deadline_mails", stdout=StringIO())
    assert len(mail.outbox) == count


# Dashboard -----------------------------------------------------------------------------------


def test_staff_dashboard_shows_the_next_deadlines(client_for, role_users):
    make_call(title="Aufruf Photonik", days=(9,))
    make_call(title="Vergangener Aufruf", days=(-2,))
    page = client_for(role_users["staff"]).get(reverse("reporting:home")).content.decode()
    assert "Aufruf Photonik" in page
    assert "Vergangener Aufruf" not in page
