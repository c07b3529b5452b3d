"""The signed links in participants' mails: opening a link changes nothing, pressing the
button does; bad links get a friendly page with the reason."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from innonet.events import links
from innonet.events.models import EventStatus, Feedback, Registration, RegistrationStatus
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
STATUS = RegistrationStatus


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


@pytest.fixture(autouse=True)
def fresh_mail_limits():
    cache.clear()


@pytest.fixture
def press(client, django_capture_on_commit_callbacks):
    """POST like the button on the page; mails queued on commit are sent."""

    def post(name: str, token: str, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(name, args=[token]), data or {})

    return post


def confirm_button() -> str:
    return f'type="submit">{de("Confirm registration")}</button>'


def unconfirmed(event, **extra) -> Registration:
    return RegistrationFactory(event=event, status=STATUS.UNCONFIRMED, confirmed_at=None, **extra)


def url(name: str, registration: Registration, purpose: str) -> str:
    return reverse(name, args=[links.make_token(registration, purpose)])


# confirm ------------------------------------------------------------------------------------


def test_opening_the_confirmation_link_changes_nothing(client):
    registration = unconfirmed(EventFactory())
    response = client.get(url("events:registration_confirm", registration, links.CONFIRM))
    assert response.status_code == 200
    assert confirm_button() in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    registration.refresh_from_db()
    assert registration.status == STATUS.UNCONFIRMED and not mail.outbox


def test_the_page_speaks_the_language_of_the_mail(client):
    registration = unconfirmed(EventFactory(), language="en")
    target = url("events:registration_confirm", registration, links.CONFIRM)
    html = client.get(target).content.decode()
    assert '<html lang="en">' in html
    assert 'type="submit">Confirm registration</button>' in html
    client.cookies["django_language"] = "de"
    assert '<html lang="de">' in client.get(target).content.decode()


def test_pressing_confirm_takes_a_place(press):
    registration = unconfirmed(EventFactory())
    response = press("events:registration_confirm", links.make_token(registration, links.CONFIRM))
    html = response.content.decode()
    assert response.status_code == 200
    assert de("Your place is confirmed. We look forward to seeing you.") in html
    registration.refresh_from_db()
    assert registration.status == STATUS.CONFIRMED
    assert len(mail.outbox) == 1


def test_confirming_twice_shows_the_state_and_changes_nothing(press, client):
    registration = unconfirmed(EventFactory())
    token = links.make_token(registration, links.CONFIRM)
    press("events:registration_confirm", token)
    again = press("events:registration_confirm", token)
    assert de("Your place is confirmed. We look forward to seeing you.") in again.content.decode()
    assert len(mail.outbox) == 1
    html = client.get(reverse("events:registration_confirm", args=[token])).content.decode()
    assert confirm_button() not in html


@pytest.mark.parametrize(
    ("setup", "msgid"),
    [
        (
            {"capacity": 1, "waiting_list": True},
            "The event is fully booked; you are on the waiting list. When a place frees up, "
            "it is yours automatically and we will write to you.",
        ),
        (
            {"requires_approval": True},
            "Thank you. The organisers confirm each registration by hand; you will hear from us.",
        ),
        (
            {"capacity": 1, "waiting_list": False},
            "We are sorry: the event filled up before your confirmation arrived.",
        ),
    ],
    ids=["waiting", "pending", "full"],
)
def test_the_outcome_page_says_what_happened(press, setup, msgid):
    event = EventFactory(**setup)
    if setup.get("capacity"):
        RegistrationFactory(event=event)
    registration = unconfirmed(event)
    response = press("events:registration_confirm", links.make_token(registration, links.CONFIRM))
    assert de(msgid) in response.content.decode()


def test_confirming_shows_the_colleagues(press):
    event = EventFactory()
    lead = unconfirmed(event)
    unconfirmed(event, registered_by=lead, first_name="Änne", last_name="Schäfer")
    response = press("events:registration_confirm", links.make_token(lead, links.CONFIRM))
    assert "Änne Schäfer" in response.content.decode()
    assert Registration.objects.filter(status=STATUS.CONFIRMED).count() == 2


def test_confirming_for_a_cancelled_event_explains(press):
    registration = unconfirmed(EventFactory())
    registration.event.status = EventStatus.CANCELLED
    registration.event.save()
    response = press("events:registration_confirm", links.make_token(registration, links.CONFIRM))
    assert response.status_code == 400
    assert de("This event has been cancelled.") in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == STATUS.UNCONFIRMED


def test_an_expired_confirmation_link_is_refused_with_a_message(client, press):
    registration = unconfirmed(EventFactory())
    token = links.make_token(registration, links.CONFIRM)
    later = time.time() + timedelta(days=4).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=later):
        shown = client.get(reverse("events:registration_confirm", args=[token]))
        pressed = press("events:registration_confirm", token)
    expected = de("This link has expired. Please register again; your old request is void.")
    for response in (shown, pressed):
        assert response.status_code == 400
        assert expected in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == STATUS.UNCONFIRMED


@pytest.mark.parametrize("name", ["registration_confirm", "registration_cancel", "feedback"])
def test_tampered_links_get_a_friendly_page(client, name):
    registration = unconfirmed(EventFactory())
    purpose = {"registration_confirm": links.CONFIRM, "registration_cancel": links.CANCEL}.get(
        name, links.FEEDBACK
    )
    token = links.make_token(registration, purpose)
    for bad in (token[:-2] + "xx", "kaputt", token.replace(":", ".")):
        for method in ("get", "post"):
            response = getattr(client, method)(reverse(f"events:{name}", args=[bad]))
            assert response.status_code == 400
            assert de("This link is not valid. Please use the link from your e-mail.") in (
                response.content.decode()
            )
    registration.refresh_from_db()
    assert registration.status == STATUS.UNCONFIRMED


def test_a_link_for_another_purpose_does_not_work(client):
    registration = unconfirmed(EventFactory())
    token = links.make_token(registration, links.CANCEL)
    response = client.post(reverse("events:registration_confirm", args=[token]))
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == STATUS.UNCONFIRMED


# cancel -------------------------------------------------------------------------------------


def test_opening_the_cancel_link_shows_what_will_be_cancelled(client):
    registration = RegistrationFactory(event=EventFactory(title="Expertengespräch KI"))
    html = client.get(url("events:registration_cancel", registration, links.CANCEL)).content
    assert "Expertengespräch KI" in html.decode()
    assert de("Cancel registration") in html.decode()
    registration.refresh_from_db()
    assert registration.status == STATUS.CONFIRMED


def test_cancelling_promotes_the_waiting_list_and_twice_is_harmless(press):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, status=STATUS.WAITING, confirmed_at=None, waitlisted_at=timezone.now()
    )
    token = links.make_token(holder, links.CANCEL)
    first = press("events:registration_cancel", token)
    assert de("Your registration has been cancelled. Thank you for letting us know.") in (
        first.content.decode()
    )
    waiting.refresh_from_db()
    assert waiting.status == STATUS.CONFIRMED
    second = press("events:registration_cancel", token)
    assert second.status_code == 200
    assert de("This registration is already cancelled; nothing has changed.") in (
        second.content.decode()
    )
    assert event.registrations.filter(status=STATUS.CONFIRMED).count() == 1


def test_a_finished_event_can_no_longer_be_cancelled(press):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(
        status=EventStatus.FINISHED, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    registration = RegistrationFactory(event=event)
    response = press("events:registration_cancel", links.make_token(registration, links.CANCEL))
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == STATUS.CONFIRMED


# feedback -----------------------------------------------------------------------------------


@pytest.fixture
def attendee():
    start = timezone.now() - timedelta(days=1)
    event = EventFactory(
        status=EventStatus.FINISHED, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    return RegistrationFactory(event=event)


def test_feedback_form_has_five_radio_buttons(client, attendee):
    html = client.get(url("events:feedback", attendee, links.FEEDBACK)).content.decode()
    assert html.count('type="radio" name="rating"') == 5


def test_feedback_is_saved_and_a_second_answer_updates_it(client, attendee):
    target = url("events:feedback", attendee, links.FEEDBACK)
    response = client.post(target, {"rating": "4", "comment": "Sehr hilfreich"})
    assert de("Thank you for your feedback") in response.content.decode()
    client.post(target, {"rating": "5", "comment": "Noch besser beim zweiten Nachdenken"})
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.comment) == (5, "Noch besser beim zweiten Nachdenken")
    html = client.get(target).content.decode()
    assert "Noch besser beim zweiten Nachdenken" in html


@pytest.mark.parametrize("rating", ["", "0", "6", "drei", "1e309"])
def test_a_bad_rating_is_refused(client, attendee, rating):
    response = client.post(url("events:feedback", attendee, links.FEEDBACK), {"rating": rating})
    assert response.status_code == 200
    assert 'id="rating_error"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_before_the_event_is_refused_with_the_reason(client):
    registration = RegistrationFactory(event=EventFactory())
    response = client.post(url("events:feedback", registration, links.FEEDBACK), {"rating": "3"})
    assert de("Feedback opens when the event has begun.") in response.content.decode()
    assert not Feedback.objects.exists()
