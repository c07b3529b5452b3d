"""The rules of registration: double opt-in, capacity, waiting list, approval, the window,
state transitions, feedback and signed links (service level; pages have their own tests)."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from innonet.core.errors import DomainError
from innonet.events import links, mails, services
from innonet.events.models import EventStatus, Registration, RegistrationStatus
from innonet.events.services.registrations import Attendee
from innonet.partners.models import Affiliation, Person
from tests.factories import (
    AffiliationFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
)

# Transactional: mails are enqueued when the service's transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_mail_limits():
    cache.clear()  # the per-address mail limit lives in the (database) cache


STATUS = RegistrationStatus


def attendee(n: int, **extra) -> Attendee:
    return Attendee(
        first_name=f"Vorname{n}", last_name=f"Nachname{n}", email=f"p{n}@firma.de", **extra
    )


def submit_and_confirm(event, n: int) -> Registration:
    submission = services.registration_submit(event, lead=attendee(n), consent=True)
    return services.registration_confirm(submission.created[0])


def statuses(event) -> dict[str, int]:
    counts = dict.fromkeys(STATUS.values, 0)
    for status in event.registrations.values_list("status", flat=True):
        counts[status] += 1
    return counts


# double opt-in ------------------------------------------------------------------------------


def test_a_submitted_registration_counts_only_after_confirmation():
    event = EventFactory(capacity=1)
    submission = services.registration_submit(event, lead=attendee(1), consent=True)
    registration = submission.created[0]
    assert registration.status == STATUS.UNCONFIRMED
    assert services.places(event).confirmed == 0
    assert len(mail.outbox) == 1 and "bestätigen" in mail.outbox[0].subject.lower()
    services.registration_confirm(registration)
    registration.refresh_from_db()
    assert registration.status == STATUS.CONFIRMED and registration.confirmed_at
    assert services.places(event).free == 0


def test_confirming_twice_changes_nothing():
    event = EventFactory()
    registration = submit_and_confirm(event, 1)
    again = services.registration_confirm(registration)
    assert again.status == STATUS.CONFIRMED
    assert Registration.objects.count() == 1


def test_consent_is_required_and_recorded_with_the_text_version():
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        services.registration_submit(event, lead=attendee(1), consent=False)
    assert error.value.field == "consent"
    assert not Registration.objects.exists()
    registration = services.registration_submit(event, lead=attendee(1), consent=True).created[0]
    assert registration.consent_version == event.consent_version
    assert registration.consented_at is not None


def test_the_same_address_registers_once_and_gets_a_reminder_instead():
    event = EventFactory()
    submit_and_confirm(event, 1)
    mail.outbox.clear()
    second = services.registration_submit(
        event, lead=attendee(1, organisation_name="Andere GmbH"), consent=True
    )
    assert second.created == [] and second.already_registered == ["p1@firma.de"]
    assert Registration.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["p1@firma.de"]]
    assert "bereits angemeldet" in mail.outbox[0].subject


def test_address_case_and_spaces_do_not_make_a_second_registration():
    event = EventFactory()
    services.registration_submit(event, lead=attendee(1), consent=True)
    other = Attendee(first_name="A", last_name="B", email="  P1@Firma.DE ")
    assert services.registration_submit(event, lead=other, consent=True).created == []


def test_a_cancelled_address_may_register_again():
    event = EventFactory()
    registration = submit_and_confirm(event, 1)
    services.registration_cancel(registration)
    again = services.registration_submit(event, lead=attendee(1), consent=True)
    assert len(again.created) == 1


def test_at_most_three_confirmation_mails_per_address_and_day():
    event = EventFactory()
    for _round in range(5):
        registration = services.registration_submit(event, lead=attendee(1), consent=True)
        services.registration_cancel(registration.created[0])
    confirmations = [m for m in mail.outbox if "bestätigen" in m.subject.lower()]
    assert len(confirmations) == 3


# colleagues ---------------------------------------------------------------------------------


def test_one_person_registers_colleagues_of_the_same_organisation():
    event = EventFactory()
    lead = attendee(1, organisation_name="Agrotech Emsland GmbH")
    submission = services.registration_submit(
        event, lead=lead, colleagues=[attendee(2), attendee(3)], consent=True
    )
    assert len(submission.created) == 3
    assert {r.organisation_name for r in submission.created} == {"Agrotech Emsland GmbH"}
    assert len(mail.outbox) == 1  # only the lead confirms
    services.registration_confirm(submission.created[0])
    assert statuses(event)[STATUS.CONFIRMED] == 3
    colleague_mails = [m for m in mail.outbox if m.to == ["p2@firma.de"]]
    assert len(colleague_mails) == 1 and "Vorname1 Nachname1" in colleague_mails[0].body


def test_a_group_with_a_repeated_address_is_refused_whole():
    event = EventFactory()
    with pytest.raises(DomainError):
        services.registration_submit(
            event, lead=attendee(1), colleagues=[attendee(2), attendee(2)], consent=True
        )
    assert not Registration.objects.exists()


def test_a_group_larger_than_the_free_places_fills_them_and_waits_for_the_rest():
    event = EventFactory(capacity=2)
    submission = services.registration_submit(
        event, lead=attendee(1), colleagues=[attendee(2), attendee(3)], consent=True
    )
    services.registration_confirm(submission.created[0])
    assert statuses(event)[STATUS.CONFIRMED] == 2
    assert statuses(event)[STATUS.WAITING] == 1


# capacity and waiting list ------------------------------------------------------------------


def test_capacity_is_never_exceeded_and_the_rest_wait_in_order():
    event = EventFactory(capacity=3)
    registrations = [submit_and_confirm(event, n) for n in range(5)]
    assert [r.status for r in registrations] == [STATUS.CONFIRMED] * 3 + [STATUS.WAITING] * 2
    assert services.places(event).is_full


def test_places_counted_per_status_agree_with_the_places_of_the_service():
    for capacity, confirmed in ((3, 5), (3, 2), (None, 4)):
        event = EventFactory(capacity=capacity)
        for n in range(confirmed):
            RegistrationFactory(event=event, status=STATUS.CONFIRMED, email=f"p{n}@x.example")
        RegistrationFactory(event=event, status=STATUS.WAITING, email="w@x.example")
        counts = statuses(event)
        assert services.Places.counted(event.capacity, counts) == services.places(event)


def test_a_freed_place_goes_to_the_first_on_the_waiting_list_with_a_mail():
    event = EventFactory(capacity=1)
    first, second, third = (submit_and_confirm(event, n) for n in range(3))
    mail.outbox.clear()
    services.registration_cancel(first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == STATUS.CONFIRMED and third.status == STATUS.WAITING
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "frei" in subjects[second.email]
    assert "storniert" in subjects[first.email].lower()


def test_cancelling_a_waiting_registration_promotes_nobody():
    event = EventFactory(capacity=1)
    _first, second, third = (submit_and_confirm(event, n) for n in range(3))
    services.registration_cancel(second)
    third.refresh_from_db()
    assert third.status == STATUS.WAITING
    assert services.places(event).confirmed == 1


def test_cancelling_twice_promotes_once():
    event = EventFactory(capacity=1)
    first, _second, _third = (submit_and_confirm(event, n) for n in range(3))
    services.registration_cancel(first)
    services.registration_cancel(first)
    assert statuses(event)[STATUS.CONFIRMED] == 1
    assert statuses(event)[STATUS.WAITING] == 1


def test_raising_the_capacity_moves_the_waiting_list_up():
    event = EventFactory(capacity=1)
    for n in range(4):
        submit_and_confirm(event, n)
    services.event_update(event, data={"capacity": 3}, acting_user=None)
    assert statuses(event)[STATUS.CONFIRMED] == 3
    assert statuses(event)[STATUS.WAITING] == 1


def test_the_capacity_cannot_drop_below_the_confirmed_places():
    event = EventFactory(capacity=3)
    for n in range(3):
        submit_and_confirm(event, n)
    with pytest.raises(DomainError) as error:
        services.event_update(event, data={"capacity": 2}, acting_user=None)
    assert error.value.field == "capacity"
    event.refresh_from_db()
    assert event.capacity == 3


def test_without_a_waiting_list_a_full_event_refuses():
    event = EventFactory(capacity=1, waiting_list=False)
    submission = services.registration_submit(event, lead=attendee(1), consent=True)
    late = services.registration_submit(event, lead=attendee(2), consent=True).created[0]
    services.registration_confirm(submission.created[0])
    with pytest.raises(DomainError):
        services.registration_submit(event, lead=attendee(3), consent=True)
    late = services.registration_confirm(late)
    assert late.status == STATUS.CANCELLED  # filled up before this confirmation arrived
    assert "ausgebucht" in mail.outbox[-1].subject.lower()


def test_unlimited_events_confirm_everyone():
    event = EventFactory(capacity=None)
    assert all(submit_and_confirm(event, n).status == STATUS.CONFIRMED for n in range(5))
    assert services.places(event).free is None


# approval -----------------------------------------------------------------------------------


def test_registrations_needing_approval_wait_for_the_office():
    event = EventFactory(capacity=1, requires_approval=True)
    first = submit_and_confirm(event, 1)
    second = submit_and_confirm(event, 2)
    assert first.status == second.status == STATUS.PENDING
    assert services.places(event).confirmed == 0
    assert services.registration_approve(first, acting_user=None).status == STATUS.CONFIRMED
    assert services.registration_approve(second, acting_user=None).status == STATUS.WAITING
    with pytest.raises(DomainError):
        services.registration_approve(first, acting_user=None)


def test_declining_a_pending_registration_mails_the_person():
    event = EventFactory(requires_approval=True)
    registration = submit_and_confirm(event, 1)
    services.registration_reject(registration, acting_user=None)
    registration.refresh_from_db()
    assert registration.status == STATUS.REJECTED
    assert mail.outbox[-1].to == [registration.email]


# the registration window --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": EventStatus.DRAFT}, "nicht zur Anmeldung geöffnet"),
        ({"status": EventStatus.CANCELLED}, "abgesagt"),
        (
            {"registration_opens_at": lambda: timezone.now() + timedelta(days=1)},
            "Anmeldung beginnt",
        ),
        ({"registration_closes_at": lambda: timezone.now() - timedelta(hours=1)}, "geschlossen"),
    ],
)
def test_registration_outside_the_window_is_refused(changes, message):
    # Moments are taken when the test runs, not when it is collected.
    changes = {name: value() if callable(value) else value for name, value in changes.items()}
    event = EventFactory(**changes)
    with pytest.raises(DomainError) as error:
        services.registration_submit(event, lead=attendee(1), consent=True)
    assert message in error.value.message
    assert not Registration.objects.exists()


def test_a_past_event_takes_no_registrations():
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    assert services.registration_window_error(event) is not None


def test_a_confirmation_link_for_a_cancelled_event_confirms_nothing():
    event = EventFactory()
    registration = services.registration_submit(event, lead=attendee(1), consent=True).created[0]
    services.event_cancel(event, reason="Referent erkrankt", acting_user=None)
    with pytest.raises(DomainError):
        services.registration_confirm(registration)
    registration.refresh_from_db()
    assert registration.status == STATUS.UNCONFIRMED


# members and the registry -------------------------------------------------------------------


def test_a_member_registers_with_one_click_and_is_linked_to_the_registry(role_users):
    member = role_users["member"]
    event = EventFactory()
    registration = services.registration_register_member(event, user=member)
    assert registration.status == STATUS.CONFIRMED
    assert registration.organisation == member.organisation
    assert registration.person.email == member.email
    assert Affiliation.objects.filter(
        person=registration.person, organisation=member.organisation
    ).exists()
    with pytest.raises(DomainError):
        services.registration_register_member(event, user=member)


def test_a_known_address_links_to_the_existing_person_and_organisation():
    organisation = OrganisationFactory(name="Hochschule Osnabrück")
    person = PersonFactory(first_name="Jana", last_name="Kuhl", email="kuhl@hs-os.de")
    AffiliationFactory(person=person, organisation=organisation)
    event = EventFactory()
    lead = Attendee(first_name="Jana", last_name="Kuhl", email="Kuhl@hs-os.de")
    registration = services.registration_submit(event, lead=lead, consent=True).created[0]
    registration = services.registration_confirm(registration)
    assert registration.person == person and registration.organisation == organisation
    assert Person.objects.count() == 1


def test_a_public_form_only_suggests_the_organisation_it_names():
    """RELIABILITY 39: naming an organisation does not make anyone its contact."""
    organisation = OrganisationFactory(name="Müller Agrarsysteme GmbH")
    event = EventFactory()
    lead = attendee(1, organisation_name="  mueller agrarsysteme gmbh ")
    registration = services.registration_submit(event, lead=lead, consent=True).created[0]
    registration = services.registration_confirm(registration)
    assert registration.person.email == "p1@firma.de"
    assert registration.organisation is None
    assert not registration.person.affiliations.exists()
    assert services.organisation_named(registration.organisation_name) == organisation


def test_the_office_links_the_organisation_it_types(staff_user):
    organisation = OrganisationFactory(name="Müller Agrarsysteme GmbH")
    registration = services.registration_register_by_staff(
        EventFactory(),
        attendee(1, organisation_name="Mueller Agrarsysteme GmbH", position="Einkauf"),
        acting_user=staff_user,
    )
    assert registration.organisation == organisation
    role = registration.person.affiliations.get()
    assert role.organisation == organisation and role.position == "Einkauf"


def test_a_known_persons_current_role_names_the_organisation():
    organisation = OrganisationFactory()
    person = PersonFactory(last_name="Bekannt", email="p1@firma.de", first_name="")
    person.affiliations.create(organisation=organisation)
    registration = services.registration_confirm(
        services.registration_submit(EventFactory(), lead=attendee(1), consent=True).created[0]
    )
    assert registration.person == person and registration.organisation == organisation


# event states -------------------------------------------------------------------------------


def test_events_move_only_along_the_allowed_transitions():
    event = EventFactory(status=EventStatus.DRAFT)
    services.event_publish(event, acting_user=None)
    with pytest.raises(DomainError):
        services.event_publish(event, acting_user=None)
    with pytest.raises(DomainError):  # it has not started yet
        services.event_finish(event, acting_user=None)
    services.event_cancel(event, reason="", acting_user=None)
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    for move in (services.event_publish, services.event_finish):
        with pytest.raises(DomainError):
            move(event, acting_user=None)


def test_cancelling_an_event_tells_everyone_holding_or_waiting_for_a_place():
    event = EventFactory(capacity=1)
    confirmed, waiting = submit_and_confirm(event, 1), submit_and_confirm(event, 2)
    cancelled = submit_and_confirm(event, 3)
    services.registration_cancel(cancelled)
    mail.outbox.clear()
    services.event_cancel(event, reason="Der Referent ist erkrankt.", acting_user=None)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])
    assert "Referent ist erkrankt" in mail.outbox[0].body


def test_finishing_asks_the_checked_in_participants_for_feedback():
    start = timezone.now() - timedelta(hours=3)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    came, stayed_away = RegistrationFactory(event=event), RegistrationFactory(event=event)
    services.registration_check_in(came, acting_user=None)
    services.event_finish(event, acting_user=None)
    assert [m.to for m in mail.outbox] == [[came.email]]
    assert "/anmeldung/feedback/" in mail.outbox[0].body
    stayed_away.refresh_from_db()
    assert stayed_away.feedback_requested_at is None


def test_an_event_cannot_end_before_it_starts():
    event = EventFactory()
    with pytest.raises(DomainError) as error:
        services.event_update(
            event, data={"ends_at": event.starts_at - timedelta(minutes=1)}, acting_user=None
        )
    assert error.value.field == "ends_at"


# check-in and feedback ----------------------------------------------------------------------


def test_only_confirmed_participants_are_checked_in():
    event = EventFactory(capacity=1)
    confirmed, waiting = submit_and_confirm(event, 1), submit_and_confirm(event, 2)
    assert services.registration_check_in(confirmed, acting_user=None).attended_at
    with pytest.raises(DomainError):
        services.registration_check_in(waiting, acting_user=None)
    assert services.registration_check_in_undo(confirmed, acting_user=None).attended_at is None


@pytest.mark.parametrize("rating", [0, 6, -1, "5", None])
def test_feedback_takes_ratings_from_one_to_five_only(rating):
    start = timezone.now() - timedelta(hours=3)
    registration = RegistrationFactory(
        event=EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    )
    with pytest.raises(DomainError):
        services.feedback_submit(registration, rating=rating)


def test_feedback_once_per_participant_and_a_second_answer_updates_it():
    start = timezone.now() - timedelta(hours=3)
    registration = RegistrationFactory(
        event=EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    )
    services.feedback_submit(registration, rating=4, comment="Gut")
    feedback = services.feedback_submit(registration, rating=5, comment="Sehr gut")
    assert feedback.rating == 5 and registration.event.registrations.count() == 1


def test_feedback_before_the_event_is_refused():
    with pytest.raises(DomainError):
        services.feedback_submit(RegistrationFactory(), rating=5)


# signed links -------------------------------------------------------------------------------


def test_links_name_their_registration_and_purpose():
    registration = RegistrationFactory()
    token = links.make_token(registration, links.CANCEL)
    assert links.registration_for_token(token, links.CANCEL) == registration
    with pytest.raises(DomainError):
        links.registration_for_token(token, links.CONFIRM)
    with pytest.raises(DomainError):
        links.registration_for_token(token[:-2] + "xx", links.CANCEL)
    with pytest.raises(DomainError):
        links.registration_for_token("../../etc/passwd", links.CANCEL)


def test_a_confirmation_link_expires_after_three_days():
    registration = RegistrationFactory(status=STATUS.UNCONFIRMED)
    token = links.make_token(registration, links.CONFIRM)
    later = timezone.now().timestamp() + 4 * 86400
    with mock.patch("time.time", return_value=later), pytest.raises(DomainError) as error:
        links.registration_for_token(token, links.CONFIRM)
    assert "abgelaufen" in error.value.message


def test_a_new_secret_voids_old_links():
    registration = RegistrationFactory()
    token = links.make_token(registration, links.CANCEL)
    Registration.objects.filter(pk=registration.pk).update(secret="neu")
    with pytest.raises(DomainError):
        links.registration_for_token(token, links.CANCEL)


# mails --------------------------------------------------------------------------------------


def test_mails_speak_the_participants_language_and_have_a_plain_text_part():
    event = EventFactory(title="Agri-Tech Breakfast")
    services.registration_submit(event, lead=attendee(1, language="en"), consent=True)
    message = mail.outbox[0]
    assert message.subject == "Please confirm your registration: Agri-Tech Breakfast"
    assert "Confirm your registration" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_line_break_in_the_title_never_reaches_the_subject_header():
    event = EventFactory(title="Frühstück\r\nBcc: opfer@beispiel.de")
    services.registration_submit(event, lead=attendee(1), consent=True)
    message = mail.outbox[0].message()
    assert "\n" not in message["Subject"].replace("\n ", "")
    assert message["Bcc"] is None and mail.outbox[0].recipients() == ["p1@firma.de"]


def test_reminders_go_once_to_confirmed_participants():
    from innonet.events.tasks import send_event_reminders

    event = EventFactory(starts_at=timezone.now() + timedelta(hours=20))
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    confirmed = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=STATUS.WAITING)
    mail.outbox.clear()
    for _run in range(2):
        send_event_reminders.call(event_id=event.pk, starts_at=event.starts_at.isoformat())
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert "Erinnerung" in mail.outbox[0].subject


def test_a_reminder_run_repeated_before_its_stamp_stores_the_mail_once():
    """A run killed after queueing but before stamping `reminder_sent_at` runs again: the
    outbox key (registration, kind, start) stores the reminder once."""
    from innonet.core.models import OutgoingMail
    from innonet.events.tasks import send_event_reminders, send_registration_mail

    event = EventFactory(starts_at=timezone.now() + timedelta(hours=20))
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    confirmed = RegistrationFactory(event=event)
    mail.outbox.clear()
    for _run in range(2):
        send_event_reminders.call(event_id=event.pk, starts_at=event.starts_at.isoformat())
        Registration.objects.filter(pk=confirmed.pk).update(reminder_sent_at=None)
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    [row] = OutgoingMail.objects.filter(category="events.reminder")
    assert row.key == f"events.registration:{confirmed.pk}:reminder:{event.starts_at.isoformat()}"
    # A retried participant-mail task (same occasion) stores nothing new either.
    for _retry in range(2):
        send_registration_mail.call(registration_id=confirmed.pk, kind="confirmed", occasion="o1")
    assert OutgoingMail.objects.filter(category="events.confirmed").count() == 1


def test_a_reminder_planned_for_an_old_start_time_sends_nothing():
    from innonet.events.tasks import send_event_reminders

    event = EventFactory()
    RegistrationFactory(event=event)
    mail.outbox.clear()
    old_start = (event.starts_at - timedelta(days=1)).isoformat()
    assert send_event_reminders.call(event_id=event.pk, starts_at=old_start) == 0
    assert not mail.outbox


def test_the_confirmation_mail_limit_counts_per_address():
    assert [mails.confirmation_allowed("a@b.de") for _ in range(4)] == [True, True, True, False]
    assert mails.confirmation_allowed("c@b.de")


def test_the_reminder_command_catches_up_once():
    from django.core.management import call_command

    event = EventFactory(starts_at=timezone.now() + timedelta(hours=5))
    far = EventFactory(starts_at=timezone.now() + timedelta(days=5))
    near_guest, far_guest = RegistrationFactory(event=event), RegistrationFactory(event=far)
    mail.outbox.clear()
    call_command("event_mails")
    call_command("event_mails")
    assert [m.to for m in mail.outbox] == [[near_guest.email]]
    assert far_guest.email not in str([m.to for m in mail.outbox])


def test_a_registered_lead_can_add_colleagues_and_confirm_them():
    event = EventFactory()
    lead = submit_and_confirm(event, 1)
    mail.outbox.clear()
    later = services.registration_submit(
        event, lead=attendee(1), colleagues=[attendee(2)], consent=True
    )
    colleague = later.created[0]
    assert colleague.registered_by == lead and colleague.status == STATUS.UNCONFIRMED
    assert [m.to for m in mail.outbox] == [[lead.email]]
    token = links.make_token(lead, links.CONFIRM)
    assert token in mail.outbox[0].body
    services.registration_confirm(lead)
    colleague.refresh_from_db()
    lead.refresh_from_db()
    assert colleague.status == STATUS.CONFIRMED and lead.status == STATUS.CONFIRMED


def test_an_unconfirmed_lead_submitting_again_gets_the_confirmation_again():
    event = EventFactory()
    services.registration_submit(event, lead=attendee(1), consent=True)
    services.registration_submit(event, lead=attendee(1), colleagues=[attendee(2)], consent=True)
    assert len(mail.outbox) == 2 and all("bestätigen" in m.subject for m in mail.outbox)
    registration = Registration.objects.get(email="p1@firma.de")
    services.registration_confirm(registration)
    assert statuses(event)[STATUS.CONFIRMED] == 2


def test_a_co_organising_manager_edits_but_cannot_hand_the_event_to_another_network(
    role_users,
):
    from tests.factories import NetworkFactory

    manager = role_users["network_manager"]
    event = EventFactory()
    event.co_organisers.add(manager.network)
    services.event_update(event, data={"venue": "Hafen Papenburg"}, acting_user=manager)
    event.refresh_from_db()
    assert event.venue == "Hafen Papenburg"
    with pytest.raises(DomainError):
        services.event_update(event, data={"organiser": NetworkFactory()}, acting_user=manager)


def test_a_mail_about_an_event_over_midnight_names_the_end_day():
    """Attack run, finding 11: a 24-hour event read "09:00 - 09:00" in mails."""
    from zoneinfo import ZoneInfo

    start = datetime(2027, 3, 1, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    registration = RegistrationFactory(
        event=EventFactory(starts_at=start, ends_at=start + timedelta(days=1)), language="de"
    )
    message = mails.build_message(registration, mails.CONFIRMED)
    assert "Montag, 1. März 2027, 09:00 \u2013 Dienstag, 2. März 2027, 09:00" in message.body
    assert "Dienstag, 2. März 2027, 09:00" in message.alternatives[0][0]
