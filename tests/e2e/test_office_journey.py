"""The office's day in a real browser, clicking only what the screen shows: from the start
page, staff create an event, publish it, open its registrations, add a participant they find
in the registry, check them in and open the event's figures; and they take a member's
"I am interested" from the open work to a planned introduction."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from innonet.events.models import Event, EventStatus, Registration
from innonet.matching.models import InterestRequestStatus, Introduction, Visibility
from innonet.matching.services import introductions as services
from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import (
    AffiliationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    add_totp,
    host_network,
)
from tests.matching.factories import ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LOCAL = "%Y-%m-%dT%H:%M"


def de(msgid: str, context: str = "") -> str:
    with translation.override("de"):
        if context:
            return translation.pgettext(context, msgid)
        return translation.gettext(msgid)


def signed_in_staff(page):
    staff = UserFactory(role="staff", email="stab@beispiel.de", full_name="Petra Stab")
    secret = add_totp(staff)
    sign_in(page, staff.email)
    enter_code(page, secret)
    page.get_by_role("heading", name=de("Network office"), level=1).wait_for()
    return staff


def open_office_menu(page, entry: str) -> None:
    page.get_by_role("button", name=de("Office")).click()
    page.get_by_role("link", name=de(entry), exact=True).click()


def test_create_publish_register_check_in_and_figures(page, audit):
    host_network()
    person = PersonFactory(first_name="Jörg", last_name="Weiß", email="joerg@agrar-os.de")
    AffiliationFactory(person=person, organisation=OrganisationFactory(name="Agrar OS GmbH"))
    signed_in_staff(page)
    audit()

    # Create: the office menu leads to the event form; the organiser is the office's network.
    open_office_menu(page, "New event")
    page.wait_for_url("**/veranstaltungen/neu/")
    audit()
    starts = timezone.localtime() + timedelta(hours=2)
    page.locator("#id_title").fill("Werkstattgespräch Robotik")
    page.locator("#id_starts_at").fill(starts.strftime(LOCAL))
    page.locator("#id_ends_at").fill((starts + timedelta(hours=2)).strftime(LOCAL))
    page.locator("#id_capacity").fill("20")
    page.get_by_role("button", name=de("Save as draft")).click()
    page.wait_for_url(re.compile(r"/veranstaltungen/\d+/$"))
    event = Event.objects.get(title="Werkstattgespräch Robotik")
    assert event.organiser == host_network()

    # Publish from the event's office box.
    page.locator("#transition-status").select_option(EventStatus.PUBLISHED)
    page.get_by_role("button", name=de("Change status")).click()
    page.wait_for_selector(".alert-success")
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    audit()

    # Registrations, then add a participant found in the registry (typed, picked).
    page.get_by_role("link", name=de("Registrations"), exact=True).click()
    page.wait_for_url(f"**/veranstaltungen/{event.pk}/anmeldungen/**")
    audit()
    page.get_by_role("link", name=de("Add participant")).click()
    page.wait_for_load_state("load")  # htmx listens only once its script has run
    page.locator("#id_q").fill("Weiß")
    page.locator("#id_q").press("Enter")  # as a person would, should typing not have asked
    pick = page.get_by_role("link", name=re.compile(re.escape(de("Register this person"))))
    pick.wait_for()  # the list arrived through htmx
    audit()
    pick.click()
    assert page.locator("#id_email").input_value() == "joerg@agrar-os.de"
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**/veranstaltungen/{event.pk}/anmeldungen/**")
    registration = Registration.objects.get(event=event)
    assert registration.person == person

    # Check in from the event page, then the figures.
    page.get_by_role("link", name=event.title).first.click()
    page.get_by_role("link", name=de("Check-in"), exact=True).click()
    page.wait_for_url(f"**/veranstaltungen/{event.pk}/einlass/**")
    assert page.locator("#checkin-timing").count() == 0
    page.get_by_role("button", name=re.compile(re.escape(de("Check in")) + ".*Weiß")).click()
    page.get_by_role("button", name=re.compile(re.escape(de("Undo")) + ".*Weiß")).wait_for()
    registration.refresh_from_db()
    assert registration.attended_at is not None
    audit()
    page.get_by_role("link", name=de("Figures"), exact=True).click()
    page.wait_for_url(f"**/veranstaltungen/{event.pk}/auswertung/**")
    assert page.get_by_role("heading", level=1).is_visible()
    audit()


def test_a_members_interest_reaches_open_work_and_becomes_an_introduction(page, audit, settings):
    settings.OFFICE_EMAIL = ""  # the default: no mailbox, and the request is not lost
    farm = OrganisationFactory(name="Agrartechnik Bersenbrück GmbH")
    sensors = OrganisationFactory(name="Sensorik Hasetal GmbH")
    for organisation in (farm, sensors):
        MembershipFactory(organisation=organisation)
    member = UserFactory(role="member", organisation=farm, email="anna@agrartechnik.de")
    profile = ProfileFactory(
        organisation=sensors, title="LoRaWAN-Gateways gesucht", visibility=Visibility.PUBLIC
    )
    request = services.interest_request_create(
        profile=profile, acting_user=member, message="Wir betreiben zwölf Gateways."
    )
    signed_in_staff(page)

    link = page.get_by_role("link", name=f"{farm.name} → {sensors.name}")
    link.click()
    page.wait_for_url(f"**/vermittlungen/neu/?request={request.pk}")
    assert page.locator("blockquote").inner_text() == "Wir betreiben zwölf Gateways."
    audit()
    page.get_by_role("button", name=de("Plan introduction")).click()
    page.wait_for_url(re.compile(r"/vermittlungen/\d+/$"))
    audit()
    introduction = Introduction.objects.get()
    assert {introduction.first_organisation, introduction.second_organisation} == {farm, sensors}
    request.refresh_from_db()
    assert request.status == InterestRequestStatus.PLANNED
    assert request.introduction == introduction

    # Back on the start page the request is no longer open work.
    page.get_by_role("link", name="innonet", exact=True).click()
    page.get_by_role("heading", name=de("Network office"), level=1).wait_for()
    assert page.get_by_text(de("No open requests.")).is_visible()
