"""The public registration form: what a visitor sees for good and bad input. Every refusal
shows a message and writes nothing; a success always looks the same (no enumeration)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from innonet.events.models import AskedField, EventStatus, Registration, RegistrationStatus
from tests.factories import EventFactory, RegistrationFactory
from tests.nasty import SCRIPT_MARKER

pytestmark = pytest.mark.django_db


def de(msgid: str, **values) -> str:
    """The German text the page shows for an English msgid."""
    with translation.override("de"):
        text = translation.gettext(msgid)
    return text % values if values else text


@pytest.fixture(autouse=True)
def fresh_mail_limits():
    cache.clear()  # the per-address mail limit lives in the (database) cache


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post the form like a browser; mails queued on commit are sent (tasks run at once)."""

    def send(event, data=None, colleagues=(), **changes):
        form = {
            "first_name": "Jörg",
            "last_name": "Weiß",
            "email": "joerg.weiss@agrar-os.de",
            "language": "de",
            "consent": "on",
            "colleagues-TOTAL_FORMS": str(len(colleagues)),
            "colleagues-INITIAL_FORMS": "0",
            **(data or {}),
        }
        for index, (first, last, address) in enumerate(colleagues):
            form[f"colleagues-{index}-first_name"] = first
            form[f"colleagues-{index}-last_name"] = last
            form[f"colleagues-{index}-email"] = address
        form.update(changes)
        form = {key: value for key, value in form.items() if value is not None}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("events:event_register", args=[event.pk]), form)

    return send


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_a_valid_registration_redirects_to_the_check_your_mail_page(client, post):
    event = EventFactory()
    response = post(event)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event_registered", args=[event.pk])
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert (registration.first_name, registration.last_name) == ("Jörg", "Weiß")
    assert registration.consent_version == event.consent_version
    assert [message.to for message in mail.outbox] == [["joerg.weiss@agrar-os.de"]]
    page = client.get(response["Location"]).content.decode()
    assert de("Please check your mail") in page


def test_a_known_address_gets_the_same_answer_and_no_second_row(client, post):
    event = EventFactory()
    first = post(event)
    second = post(event, email="JOERG.weiss@agrar-os.de ")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 2  # the second mail tells the owner, not the visitor


FULL_DOMAIN = "Please use an address with a full domain name (like name@company.de)."
NO_MAIL = "The domain “%(domain)s” cannot receive mail. Please use your real address."
INVALID = "Please enter a valid e-mail address."


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("kein-at-zeichen", de(INVALID)),
        ("a@b", de(INVALID)),
        ("root@localhost", de(FULL_DOMAIN)),
        ("a@[127.0.0.1]", de(FULL_DOMAIN)),
        ("test@example.invalid", de(NO_MAIL, domain="example.invalid")),
        ("test@example.com", de(NO_MAIL, domain="example.com")),
        ("test@mail.test", de(NO_MAIL, domain="mail.test")),
        (
            "x@mailinator.com",
            de("Please do not use a disposable address; we need to reach you about the event."),
        ),
        ("a\r\nbcc: b@firma.de", de(INVALID)),
    ],
)
def test_unusable_addresses_are_refused_with_a_message(post, address, message):
    response = post(EventFactory(), email=address)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "x" * 81),
        ("last_name", "y" * 81),
        ("email", "a" * 250 + "@firma.de"),
        ("organisation_name", "o" * 201),
        ("remarks", "r" * 2001),
    ],
)
def test_overlong_fields_are_refused(post, field, value):
    event = EventFactory(asked_fields=[AskedField.ORGANISATION, AskedField.REMARKS])
    response = post(event, **{field: value})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.parametrize("value", ["Jörg\x00", "Jörg\x07", "\u202eJörg", "Jörg\r\nBcc: a@b.de"])
def test_control_characters_and_line_breaks_in_names_are_refused(post, value):
    response = post(EventFactory(), first_name=value)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in page
    assert not Registration.objects.exists() and not mail.outbox


def test_markup_stays_text_on_the_page_and_in_the_record(client, post):
    event = EventFactory(asked_fields=[AskedField.REMARKS])
    response = post(event, first_name="", remarks=SCRIPT_MARKER)
    assert SCRIPT_MARKER not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()
    post(event, remarks=SCRIPT_MARKER)
    assert Registration.objects.get().remarks == SCRIPT_MARKER  # stored as typed, shown escaped


def test_missing_consent_is_refused(post):
    response = post(EventFactory(), consent=None)
    assert_refused(response, de("Please agree to the conditions of participation."))


def test_outside_the_registration_window_the_page_explains_and_offers_no_form(client, post):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    page = client.get(reverse("events:event_register", args=[event.pk])).content.decode()
    assert de("Registration for this event has closed.") in page
    assert 'name="email"' not in page
    assert_refused(post(event), de("Registration for this event has closed."))


def test_registration_that_has_not_opened_yet_is_refused(post):
    event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))
    response = post(event)
    assert response.status_code == 200
    assert not Registration.objects.exists() and not mail.outbox


def test_a_cancelled_event_takes_no_registrations(client, post):
    event = EventFactory(status=EventStatus.CANCELLED)
    page = client.get(reverse("events:event_register", args=[event.pk])).content.decode()
    assert de("This event has been cancelled.") in page
    assert_refused(post(event), de("This event has been cancelled."))


def test_a_full_event_without_waiting_list_is_refused(client, post):
    event = EventFactory(capacity=1, waiting_list=False)
    RegistrationFactory(event=event)
    page = client.get(reverse("events:event_register", args=[event.pk])).content.decode()
    assert de("This event is fully booked.") in page
    assert 'name="email"' not in page
    response = post(event)
    assert response.status_code == 200
    assert Registration.objects.count() == 1 and not mail.outbox


def test_a_full_event_with_waiting_list_says_so_and_takes_the_registration(client, post):
    event = EventFactory(capacity=1, waiting_list=True)
    RegistrationFactory(event=event)
    page = client.get(reverse("events:event_register", args=[event.pk])).content.decode()
    assert de("Join the waiting list") in page
    assert post(event).status_code == 302
    assert event.registrations.filter(status=RegistrationStatus.UNCONFIRMED).count() == 1


def test_colleagues_become_unconfirmed_registrations_with_one_mail_to_the_lead(post):
    event = EventFactory(asked_fields=[AskedField.ORGANISATION])
    colleagues = [
        ("Änne", "Schäfer", "aenne@agrar-os.de"),
        ("Bernd", "Groß", "bernd@agrar-os.de"),
        ("Carla", "Öztürk", "carla@agrar-os.de"),
    ]
    response = post(event, {"organisation_name": "Agrar OS GmbH"}, colleagues=colleagues)
    assert response.status_code == 302
    rows = Registration.objects.order_by("pk")
    assert rows.count() == 4
    assert {row.status for row in rows} == {RegistrationStatus.UNCONFIRMED}
    lead = rows[0]
    assert all(row.registered_by_id == lead.pk for row in rows[1:])
    assert {row.organisation_name for row in rows} == {"Agrar OS GmbH"}
    assert [message.to for message in mail.outbox] == [["joerg.weiss@agrar-os.de"]]


def test_empty_colleague_rows_are_ignored(post):
    response = post(EventFactory(), colleagues=[("", "", ""), ("", "", "")])
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_a_repeated_address_in_the_group_is_refused_whole(post):
    colleagues = [("Änne", "Schäfer", "aenne@agrar-os.de"), ("Anne", "S.", "aenne@agrar-os.de")]
    response = post(EventFactory(), colleagues=colleagues)
    assert_refused(response, de("Each person needs their own e-mail address."))


def test_the_lead_address_repeated_as_colleague_is_refused(post):
    response = post(EventFactory(), colleagues=[("Jörg", "Weiß", "joerg.weiss@agrar-os.de")])
    assert_refused(response, de("Each person needs their own e-mail address."))


def test_a_bad_colleague_address_is_refused_with_a_message(post):
    response = post(EventFactory(), colleagues=[("Änne", "Schäfer", "aenne@localhost")])
    page = response.content.decode()
    assert 'id="id_colleagues-0-email_error"' in page
    assert not Registration.objects.exists() and not mail.outbox


def test_more_than_twenty_colleagues_are_refused(post):
    colleagues = [(f"V{n}", f"N{n}", f"k{n}@agrar-os.de") for n in range(21)]
    response = post(EventFactory(), colleagues=colleagues)
    assert response.status_code == 200
    assert not Registration.objects.exists() and not mail.outbox


def test_more_rows_without_javascript_keeps_the_entries_and_adds_rows(client):
    event = EventFactory()
    url = reverse("events:event_register", args=[event.pk])
    page = client.get(url).content.decode()
    assert 'name="colleagues-1-email"' in page and 'name="colleagues-2-email"' not in page
    response = client.post(
        url,
        {
            "first_name": "Jörg",
            "email": "joerg@agrar-os.de",
            "colleagues-TOTAL_FORMS": "2",
            "colleagues-INITIAL_FORMS": "0",
            "colleagues-0-first_name": "Änne",
            "add_colleagues": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="colleagues-4-email"' in page and 'name="colleagues-5-email"' not in page
    assert 'value="Änne"' in page and 'value="joerg@agrar-os.de"' in page
    assert 'aria-invalid="true"' not in page  # nothing was checked yet
    assert not Registration.objects.exists()


def test_the_form_asks_only_the_questions_of_the_event(client):
    event = EventFactory(asked_fields=[AskedField.PHONE, AskedField.DIETARY])
    page = client.get(reverse("events:event_register", args=[event.pk])).content.decode()
    assert 'name="phone"' in page and 'name="dietary_requirements"' in page
    assert 'name="organisation_name"' not in page and 'name="remarks"' not in page
    assert event.consent_text in page


def test_the_language_defaults_to_the_page_language_and_is_stored(client, post):
    event = EventFactory()
    url = reverse("events:event_register", args=[event.pk])
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert '<option value="en" selected>' in page
    post(event, language="en")
    registration = Registration.objects.get()
    assert registration.language == "en"
    assert "Please confirm" in mail.outbox[0].subject


def test_naming_an_organisation_does_not_make_anyone_its_contact(post, client, client_for):
    """RELIABILITY 39 (attack run, finding 2): the public form may only suggest a link."""
    from innonet.events import links
    from innonet.partners.models import Person
    from tests.factories import OrganisationFactory, UserFactory

    organisation = OrganisationFactory(name="Hasetal Datentechnik GmbH")
    member = UserFactory(role="member", organisation=organisation)
    event = EventFactory(asked_fields=[AskedField.ORGANISATION, AskedField.POSITION])
    post(event, {"organisation_name": "Hasetal Datentechnik GmbH", "position": "Geschäftsführer"})
    registration = Registration.objects.get()
    client.post(
        reverse("events:registration_confirm", args=[links.make_token(registration, "confirm")])
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.organisation is None
    person = Person.objects.get(email="joerg.weiss@agrar-os.de")
    assert not person.affiliations.exists()
    as_member = client_for(member)
    assert as_member.get(reverse("partners:person_detail", args=[person.pk])).status_code == 404
    assert "Weiß" not in as_member.get("/api/people/").content.decode()
    assert "Weiß" not in as_member.get("/api/registrations/").content.decode()
