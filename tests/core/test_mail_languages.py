"""Mails in each recipient's language, through a real SMTP server: the registration
confirmation, an event reminder, a call-deadline reminder and one newsletter issue go to an
English and a German reader, each with subject, text and dates in the reader's language."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from innonet.content import tasks as content_tasks
from innonet.content.services import newsletter as newsletter_services
from innonet.core.outbox import send_due
from innonet.events import mails as event_mails
from innonet.events import tasks as event_tasks
from innonet.projects import tasks as project_tasks
from tests.content.newsletter_factories import SubscriptionFactory
from tests.content.publication_factories import NewsFactory
from tests.events.conftest import smtp_server  # noqa: F401 - the fixture
from tests.factories import EventFactory, RegistrationFactory, UserFactory, host_network

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def start_in(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 14, 30, tzinfo=BERLIN)


def written(moment: datetime, language: str) -> str:
    """How the mails write the moment: 03.03.2027 14:30 in German, 3 Mar 2027, 14:30 in
    English (the month spelled, never the American 03/03/2027)."""
    day = moment.date()
    if language == "de":
        return f"{day:%d.%m.%Y} 14:30"
    with translation.override("en"):
        return f"{day.day} {moment:%b} {day.year}, 14:30"


@pytest.fixture(autouse=True)
def fresh_mail_limits():
    cache.clear()


@pytest.fixture
def run_after_commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = function(*args, **kwargs)
        send_due()
        return result

    return run


def test_registration_confirmation_in_each_language(smtp_server, client, run_after_commit):  # noqa: F811
    event = EventFactory(title="Expertengespräch Agrarsensorik", starts_at=start_in(20))
    for language, address in (("en", "anna@harbour-robotics.co.uk"), ("de", "jan@hafen-os.de")):
        data = {
            "first_name": "Anna", "last_name": "Weiß", "email": address, "language": language,
            "consent": "on", "colleagues-TOTAL_FORMS": "0", "colleagues-INITIAL_FORMS": "0",
        }  # fmt: skip
        # Both register from the German page: the mail follows the chosen language.
        response = run_after_commit(
            client.post, reverse("events:event_register", args=[event.pk]), data
        )
        assert response.status_code == 302, response.context["form"].errors
    [english] = smtp_server.to("anna@harbour-robotics.co.uk")
    [german] = smtp_server.to("jan@hafen-os.de")
    assert english.message["Subject"].strip().startswith("Please confirm")
    english_text = english.part("text/plain")
    assert "Confirm your registration:" in english_text and "Hello Anna" in english_text
    assert "Bitte bestätigen" not in english_text and "Hallo" not in english_text
    assert 'lang="en"' in english.part("text/html")
    with translation.override("de"):
        german_subject = str(event_mails.KINDS[event_mails.CONFIRM_REQUEST].subject)
    assert german.message["Subject"].strip().startswith(german_subject.split("%")[0].strip())
    assert "Confirm your registration" not in german.part("text/plain")
    assert 'lang="de"' in german.part("text/html")


def test_event_reminder_in_each_language(smtp_server, run_after_commit):  # noqa: F811
    event = EventFactory(title="Sensorik-Stammtisch", starts_at=start_in(1))
    RegistrationFactory(event=event, email="anna@harbour-robotics.co.uk", language="en")
    RegistrationFactory(event=event, email="jan@hafen-os.de", language="de")
    sent = run_after_commit(
        event_tasks.send_event_reminders.call,
        event_id=event.pk,
        starts_at=event.starts_at.isoformat(),
    )
    assert sent == 2
    [english] = smtp_server.to("anna@harbour-robotics.co.uk")
    [german] = smtp_server.to("jan@hafen-os.de")
    assert english.message["Subject"].strip() == "Reminder: Sensorik-Stammtisch tomorrow"
    english_text = english.part("text/plain")
    assert f"begins on {written(event.starts_at, 'en')}" in english_text
    assert written(event.starts_at, "de") not in english_text
    german_text = german.part("text/plain")
    assert written(event.starts_at, "de") in german_text
    assert "begins on" not in german_text and "Reminder" not in german.message["Subject"].strip()


def test_call_deadline_reminder_in_each_language(smtp_server, run_after_commit):  # noqa: F811
    from tests.projects.factories import CallFactory, DeadlineReminderFactory

    due = start_in(7)
    call = CallFactory(title="KMU-innovativ")
    for language, address in (("en", "anna@harbour-robotics.co.uk"), ("de", "jan@hafen-os.de")):
        person = UserFactory(role="staff", email=address, language=language)
        reminder = DeadlineReminderFactory(call=call, due_at=due, days_before=7, recipient=person)
        assert run_after_commit(project_tasks.send_deadline_mail.call, reminder_id=reminder.pk)
    english = smtp_server.to("anna@harbour-robotics.co.uk")[0].message["Subject"].strip()
    german = smtp_server.to("jan@hafen-os.de")[0].message["Subject"].strip()
    english_day = written(due, "en").split(",")[0]
    german_day = written(due, "de").split()[0]
    assert english.startswith(f"Deadline {english_day}:") and "KMU-innovativ" in english
    assert german_day in german and german_day not in english
    assert not german.startswith("Deadline ") and english_day not in german


def test_one_newsletter_issue_in_each_readers_language(smtp_server):  # noqa: F811
    published = timezone.now() - timedelta(days=2)
    item = NewsFactory(
        network=host_network(),
        title="Sensorik im Hafen",
        body="Text",
        summary="Kurz",
        published_at=published,
    )
    SubscriptionFactory(email="anna@harbour-robotics.co.uk", language="en")
    SubscriptionFactory(email="jan@hafen-os.de", language="de")
    issue = newsletter_services.issue_save(
        None, subject="Netzwerk-News", introduction="Hallo", items={"news": [item]}
    )
    newsletter_services.issue_schedule(issue, when=None, acting_user=None)
    content_tasks.send_issue.call(issue_id=issue.pk)
    assert send_due().sent == 2
    english = smtp_server.to("anna@harbour-robotics.co.uk")[0].part("text/plain")
    german = smtp_server.to("jan@hafen-os.de")[0].part("text/plain")
    local = timezone.localtime(published)
    with translation.override("en"):
        english_date = f"{local.day} {local:%b} {local.year}"
    assert english_date in english and f"{local:%d.%m.%Y}" not in english
    assert f"{local:%d.%m.%Y}" in german and english_date not in german
    with translation.override("de"):
        german_heading = str(translation.gettext("News"))
    assert "News" in english
    assert "Sensorik im Hafen" in english and "Sensorik im Hafen" in german
    if german_heading != "News":
        assert german_heading in german and german_heading not in english
