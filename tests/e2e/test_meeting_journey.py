"""The meeting journey in a real browser: two members of organisations in different networks
register for a jointly organised event with one click, take part in its meeting marketplace,
one requests a meeting, the other accepts; after the office has built the plan each finds the
meeting in the plan on the page, as PDF and as a calendar file."""

import re

import icalendar
import pytest
from django.utils import translation

from innonet.meetings import services
from innonet.meetings.models import Meeting, Participant
from tests.e2e.test_login_journeys import sign_in
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.meetings.world import marketplace_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def de(msgid: str) -> str:
    """What the German page shows for an English msgid."""
    with translation.override("de"):
        return translation.gettext(msgid)


def labelled(msgid: str, name: str) -> re.Pattern:
    """A button or link whose visible words are followed by a name only screen readers read."""
    return re.compile(rf"^{re.escape(de(msgid))}\s*:\s*{re.escape(name)}$")


@pytest.fixture
def pages(browser, live_server):
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="de-DE")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def take_part(page, event, email: str, headline: str) -> None:
    sign_in(page, email)
    page.wait_for_url(lambda url: "/accounts/" not in url)
    page.goto(f"/veranstaltungen/{event.pk}/")
    page.get_by_role("button", name=de("Register with one click")).click()
    page.get_by_role("link", name=de("Meeting marketplace: one-to-one meetings")).click()
    page.get_by_role("button", name=de("Take part in the meeting marketplace")).click()
    page.get_by_label(de("in one line"), exact=False).fill(headline)
    page.get_by_role("button", name=de("Save and publish")).click()
    page.get_by_role("heading", name=de("Meeting marketplace"), exact=True).wait_for()


def test_two_members_of_different_networks_meet(pages, staff_user, settings, audit_for):
    settings.MEETINGS_PLAN_SECONDS = 1.0
    partner_network = NetworkFactory(name="Maritimes Netzwerk Nordwest")
    host_org = OrganisationFactory(name="Agrarsensorik Osnabrück GmbH")
    partner_org = OrganisationFactory(name="Hafenlogistik Emden GmbH")
    MembershipFactory(organisation=host_org)
    MembershipFactory(organisation=partner_org, network=partner_network)
    anna = UserFactory(email="anna@agrarsensorik.example", organisation=host_org)
    ben = UserFactory(email="ben@hafenlogistik.example", organisation=partner_org)
    event = EventFactory(title="Matchmaking Agrar trifft Hafen", capacity=30)
    event.co_organisers.add(partner_network)
    market = marketplace_for(event, slots=3, tables=2, breaks=(0,))

    anna_page, ben_page = pages(), pages()
    take_part(anna_page, event, anna.email, "Sensoren für Kühlcontainer")
    take_part(ben_page, event, ben.email, "Digitale Hafenlogistik")
    audit_for(ben_page)()
    ben_name = Participant.objects.get(user=ben).name
    anna_name = Participant.objects.get(user=anna).name

    # Anna finds Ben in the list and asks for a meeting.
    anna_page.reload()
    anna_page.get_by_role("link", name=labelled("Request a meeting", ben_name)).first.click()
    anna_page.get_by_label(de("message"), exact=False).fill("Kühlketten im Hafen, sprechen wir?")
    anna_page.get_by_role("button", name=de("Send request")).click()
    anna_page.get_by_role("heading", name=de("My meeting requests")).wait_for()

    # Ben accepts it on his requests page.
    ben_page.get_by_role("link", name=de("My requests"), exact=True).click()
    assert ben_page.get_by_text("Kühlketten im Hafen, sprechen wir?").is_visible()
    ben_page.get_by_role("button", name=labelled("Accept", anna_name)).click()
    ben_page.get_by_text(de("You have accepted the meeting.")).wait_for()

    services.plan_request(market, acting_user=staff_user)  # the office's button
    meeting = Meeting.objects.get()

    for page, other in ((anna_page, ben_name), (ben_page, anna_name)):
        page.get_by_role("link", name=de("My plan"), exact=True).click()
        page.get_by_role("heading", name=de("My meeting plan")).wait_for()
        assert page.get_by_text(other).first.is_visible()
        assert page.get_by_text(meeting.table.name).first.is_visible()
        audit_for(page)()
        with page.expect_download() as pdf:
            page.get_by_role("link", name=de("Plan as PDF")).first.click()
        with open(pdf.value.path(), "rb") as file:
            assert file.read(4) == b"%PDF"
        with page.expect_download() as ics:
            page.get_by_role("link", name=de("Plan for your calendar (.ics)")).first.click()
        with open(ics.value.path(), "rb") as file:
            (entry,) = icalendar.Calendar.from_ical(file.read()).walk("VEVENT")
        assert entry.decoded("dtstart") == meeting.slot.starts_at
        assert other in str(entry["summary"])


@pytest.fixture
def audit_for():
    from .axe import Auditor

    return Auditor
