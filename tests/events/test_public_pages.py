"""The public calendar (list and month), the event page and one-click registration, as
visitors, members and organisers see them."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from innonet.core import choice_cache
from innonet.events import links
from innonet.events.models import EventStatus, EventVisibility, Registration, RegistrationStatus
from tests.clock import counting_queries
from tests.factories import (
    EventFactory,
    NetworkFactory,
    RegistrationFactory,
    Ris3FieldFactory,
    host_network,
)
from tests.nasty import SCRIPT_MARKER

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


def cancel_actions(html: str) -> list[str]:
    """The tokens of the cancel forms on a page."""
    prefix = reverse("events:registration_cancel", args=["TOKEN"]).split("TOKEN")[0]
    return re.findall(re.escape(prefix) + r"([^\"/]+)/?\"", html)


def page(client, name: str, **kwargs) -> str:
    response = client.get(reverse(name, kwargs=kwargs or None))
    assert response.status_code == 200
    return response.content.decode()


# the list -----------------------------------------------------------------------------------


def test_anonymous_visitors_see_public_published_events_only(client):
    EventFactory(title="Offenes Frühstück")
    EventFactory(title="Nur für Mitglieder", visibility=EventVisibility.MEMBERS)
    EventFactory(title="Noch ein Entwurf", status=EventStatus.DRAFT)
    html = page(client, "events:event_list")
    assert "Offenes Frühstück" in html
    assert "Nur für Mitglieder" not in html and "Noch ein Entwurf" not in html


def test_members_also_see_members_only_events(client_for, role_users):
    EventFactory(title="Nur für Mitglieder", visibility=EventVisibility.MEMBERS)
    EventFactory(title="Noch ein Entwurf", status=EventStatus.DRAFT)
    html = page(client_for(role_users["member"]), "events:event_list")
    assert "Nur für Mitglieder" in html and "Noch ein Entwurf" not in html


def test_cancelled_events_are_marked(client):
    EventFactory(title="Abgesagter Workshop", status=EventStatus.CANCELLED)
    html = page(client, "events:event_list")
    assert "<s>Abgesagter Workshop</s>" in html
    assert de("Cancelled") in html


def test_past_events_only_with_the_toggle(client):
    start = timezone.now() - timedelta(days=3)
    EventFactory(title="Vergangenes Treffen", starts_at=start, ends_at=start + timedelta(hours=2))
    EventFactory(title="Kommendes Treffen")
    upcoming = page(client, "events:event_list")
    assert "Kommendes Treffen" in upcoming and "Vergangenes Treffen" not in upcoming
    past = client.get(reverse("events:event_list"), {"past": "on"}).content.decode()
    assert "Vergangenes Treffen" in past and "Kommendes Treffen" not in past


def test_filters_by_text_ris3_field_and_organiser(client):
    field = Ris3FieldFactory(name="Agrarsystemtechnik")
    partner = NetworkFactory(name="Kunststoffnetzwerk")
    agrar = EventFactory(title="Sensorik im Stall")
    agrar.ris3_fields.add(field)
    co_organised = EventFactory(title="Kunststoff trifft IT")
    co_organised.co_organisers.add(partner)
    EventFactory(title="Sonstiges Treffen")
    url = reverse("events:event_list")

    def titles(**params) -> set[str]:
        html = client.get(url, params).content.decode()
        return {t for t in ("Sensorik im Stall", "Kunststoff trifft IT", "Sonstiges") if t in html}

    assert titles(q="sensorik") == {"Sensorik im Stall"}
    assert titles(ris3_field=field.pk) == {"Sensorik im Stall"}
    assert titles(organiser=partner.pk) == {"Kunststoff trifft IT"}
    assert titles(organiser=host_network().pk) == {"Sensorik im Stall", "Kunststoff trifft IT"} | {
        "Sonstiges"
    }
    assert titles(organiser="not-a-number") == {"Sensorik im Stall", "Kunststoff trifft IT"} | {
        "Sonstiges"
    }


def test_the_list_costs_the_same_queries_for_few_and_many_events(client):
    def queries() -> int:
        choice_cache.forget_all()  # both counts read the drop-downs afresh (new formats)
        with counting_queries() as captured:
            assert client.get(reverse("events:event_list")).status_code == 200
        return len(captured)

    field = Ris3FieldFactory()
    for _ in range(2):
        EventFactory().ris3_fields.add(field)
    few = queries()
    for _ in range(15):
        event = EventFactory()
        event.ris3_fields.add(field)
        RegistrationFactory(event=event)
    assert queries() == few


def test_the_list_links_the_month_and_the_feeds(client):
    event = EventFactory()
    html = page(client, "events:event_list")
    today = timezone.localdate()
    assert reverse("events:event_month", kwargs={"year": today.year, "month": today.month}) in html
    assert reverse("events:calendar_feed") in html
    assert reverse("events:event_ics", args=[event.pk]) in html


def test_the_list_is_paginated(client):
    for _ in range(21):
        EventFactory()
    html = page(client, "events:event_list")
    assert html.count('class="card mb-3') == 20
    assert "page=2" in html


# the month ----------------------------------------------------------------------------------


def test_the_month_is_a_table_with_weekday_headings_and_the_events_on_their_day(client):
    start = datetime(2030, 3, 14, 9, 30, tzinfo=BERLIN)
    EventFactory(title="Frühstück im März", starts_at=start, ends_at=start + timedelta(hours=2))
    EventFactory(
        title="Im April", starts_at=start + timedelta(days=30), ends_at=start + timedelta(days=30)
    )
    html = page(client, "events:event_month", year=2030, month=3)
    assert html.count('<th scope="col">') == 7
    assert "<caption" in html
    assert "Frühstück im März" in html and "Im April" not in html
    assert reverse("events:event_month", kwargs={"year": 2030, "month": 2}) in html
    assert reverse("events:event_month", kwargs={"year": 2030, "month": 4}) in html
    assert reverse("events:event_list") in html
    # the phone list names the day
    with translation.override("de"):
        assert "Donnerstag, 14. März" in html


def test_a_month_across_the_year_links_december_and_january(client):
    html = page(client, "events:event_month", year=2030, month=1)
    assert reverse("events:event_month", kwargs={"year": 2029, "month": 12}) in html
    html = page(client, "events:event_month", year=2030, month=12)
    assert reverse("events:event_month", kwargs={"year": 2031, "month": 1}) in html


def test_a_multi_day_event_shows_on_each_of_its_days(client):
    start = datetime(2030, 5, 6, 9, 0, tzinfo=BERLIN)
    EventFactory(title="Hackathon", starts_at=start, ends_at=start + timedelta(days=2))
    html = page(client, "events:event_month", year=2030, month=5)
    assert html.count("Hackathon</a>") == 6  # three days, in the table and the phone list


# the event page -----------------------------------------------------------------------------


def test_the_event_page_shows_date_place_organisers_and_markdown(client):
    start = datetime(2030, 3, 14, 9, 30, tzinfo=BERLIN)
    partner = NetworkFactory(name="Kunststoffnetzwerk")
    event = EventFactory(
        title="Expertengespräch",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        venue="Wissenschaftspark Osnabrück",
        online_url="https://meet.beispiel.de/raum",
        speakers="Dr. Anna Sensor\nProf. Bernd Feld",
        description=f"**Wichtig**: bitte mitbringen.\n\n{SCRIPT_MARKER}",
        capacity=10,
    )
    event.co_organisers.add(partner)
    RegistrationFactory(event=event)
    html = page(client, "events:event_detail", pk=event.pk)
    assert "Donnerstag, 14. März 2030, 09:30" in html and "11:30" in html
    assert "Wissenschaftspark Osnabrück" in html and "https://meet.beispiel.de/raum" in html
    assert "Kunststoffnetzwerk" in html and host_network().name in html
    assert "Dr. Anna Sensor" in html and "Prof. Bernd Feld" in html
    assert "<strong>Wichtig</strong>" in html
    assert SCRIPT_MARKER not in html
    assert "9 von 10" in html or "9 of 10" in html
    assert reverse("events:event_ics", args=[event.pk]) in html
    assert reverse("events:event_register", args=[event.pk]) in html


def test_a_full_event_offers_the_waiting_list(client):
    event = EventFactory(capacity=1, waiting_list=True)
    RegistrationFactory(event=event)
    html = page(client, "events:event_detail", pk=event.pk)
    assert de("Join the waiting list") in html


def test_a_cancelled_event_says_so_and_offers_nothing(client):
    event = EventFactory(status=EventStatus.CANCELLED, cancellation_reason="Referent erkrankt")
    html = page(client, "events:event_detail", pk=event.pk)
    assert de("This event has been cancelled.") in html and "Referent erkrankt" in html
    assert reverse("events:event_register", args=[event.pk]) not in html


def test_drafts_are_hidden_from_visitors_and_members(client, client_for, role_users):
    event = EventFactory(status=EventStatus.DRAFT)
    url = reverse("events:event_detail", args=[event.pk])
    assert client.get(url).status_code == 404
    assert client_for(role_users["member"]).get(url).status_code == 404
    assert client_for(role_users["staff"]).get(url).status_code == 200


def test_organisers_see_the_office_box_with_the_allowed_next_states(client_for, role_users):
    event = EventFactory()
    office_links = [
        reverse(name, args=[event.pk])
        for name in (
            "events:event_update",
            "events:registration_list",
            "events:checkin",
            "events:event_figures",
            "events:participant_list_pdf",
            "events:badges_pdf",
            "events:event_transition",
        )
    ]
    staff_html = page(client_for(role_users["staff"]), "events:event_detail", pk=event.pk)
    assert all(link in staff_html for link in office_links)
    options = re.findall(r'<option value="(\w+)">', staff_html.split('id="transition-status"')[1])
    assert options[:2] == ["cancelled", "finished"]
    member_html = page(client_for(role_users["member"]), "events:event_detail", pk=event.pk)
    assert not any(link in member_html for link in office_links)
    manager = role_users["network_manager"]
    event.co_organisers.add(manager.network)
    manager_html = page(client_for(manager), "events:event_detail", pk=event.pk)
    assert reverse("events:event_update", args=[event.pk]) in manager_html


# one click for signed-in users --------------------------------------------------------------


def test_a_member_registers_with_one_click(
    client_for, role_users, django_capture_on_commit_callbacks
):
    member = role_users["member"]
    event = EventFactory()
    client = client_for(member)
    html = page(client, "events:event_detail", pk=event.pk)
    assert event.consent_text in html
    url = reverse("events:event_register_member", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.user == member and registration.email == member.email
    assert [message.to for message in mail.outbox] == [[member.email]]
    again = client.post(url, follow=True).content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    assert "bereits angemeldet" in again or "already registered" in again


def test_one_click_on_a_cancelled_event_explains_and_writes_nothing(client_for, role_users):
    event = EventFactory(status=EventStatus.CANCELLED)
    client = client_for(role_users["member"])
    response = client.post(reverse("events:event_register_member", args=[event.pk]), follow=True)
    assert de("This event has been cancelled.") in response.content.decode()
    assert not Registration.objects.exists()


def test_one_click_needs_a_post(client_for, role_users):
    event = EventFactory()
    response = client_for(role_users["member"]).get(
        reverse("events:event_register_member", args=[event.pk])
    )
    assert response.status_code == 405
    assert not Registration.objects.exists()


# my registrations ---------------------------------------------------------------------------


def test_my_registrations_lists_mine_with_cancel_buttons(client_for, role_users):
    member = role_users["member"]
    mine = RegistrationFactory(email=member.email, event=EventFactory(title="Mein Termin"))
    linked = RegistrationFactory(user=member, event=EventFactory(title="Per Konto"))
    start = timezone.now() - timedelta(days=10)
    RegistrationFactory(
        email=member.email,
        event=EventFactory(title="Früher", starts_at=start, ends_at=start + timedelta(hours=1)),
    )
    RegistrationFactory(event=EventFactory(title="Fremde Anmeldung"))
    client = client_for(member)
    html = page(client, "events:my_registrations")
    assert "Mein Termin" in html and "Per Konto" in html and "Früher" in html
    assert "Fremde Anmeldung" not in html
    assert reverse("events:my_feed_link") in html
    # Tokens are signed with a timestamp, so compare what each link names, not its text.
    cancel_links = cancel_actions(html)
    named = {links.registration_for_token(token, links.CANCEL) for token in cancel_links}
    assert named == {mine, linked}  # the past event has no cancel button
    token = next(t for t in cancel_links if links.registration_for_token(t, links.CANCEL) == mine)
    response = client.post(reverse("events:registration_cancel", args=[token]))
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.status == RegistrationStatus.CANCELLED
