"""iCalendar output parsed back with icalendar: feeds, one event, the personal feed."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.events import ical, services
from innonet.events.models import EventStatus, EventVisibility, RegistrationStatus
from tests.factories import EventFactory, RegistrationFactory, UserFactory

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(event):
    return f"event-{event.pk}@127.0.0.1"


def public_feed(client):
    return parse(client.get(reverse("events:calendar_feed")))


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


def test_public_feed_is_a_valid_calendar_with_stable_uids(client, settings):
    settings.SITE_URL = "https://netz.example.org"
    event = EventFactory(title="IT-Frühstück")
    first = vevents(public_feed(client))
    second = vevents(public_feed(client))
    key = f"event-{event.pk}@netz.example.org"
    assert list(first) == list(second) == [key]
    calendar = public_feed(client)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == ical.PRODID
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"])
    component = first[key]
    assert str(component["SUMMARY"]) == "IT-Frühstück"
    assert str(component["URL"]) == f"https://netz.example.org/veranstaltungen/{event.pk}/"
    assert str(component["STATUS"]) == "CONFIRMED"
    assert component["DTSTAMP"].dt.tzinfo is not None
    assert str(component["LOCATION"]) == "Wissenschaftspark Osnabrück"


def test_times_carry_the_berlin_zone_and_its_wall_time_across_daylight_saving(client):
    # 29 March 2026: clocks go forward at 02:00; 25 October 2026: back at 03:00.
    spring = EventFactory(starts_at=berlin(2026, 3, 29, 9, 30), ends_at=berlin(2026, 3, 29, 12))
    autumn = EventFactory(starts_at=berlin(2026, 10, 24, 18), ends_at=berlin(2026, 10, 25, 11))
    now = berlin(2026, 3, 1, 12)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: now)
        response = client.get(reverse("events:calendar_feed"))
    text = response.content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20260329T093000\r\n" in text
    assert "DTEND;TZID=Europe/Berlin:20261025T110000\r\n" in text
    calendar = parse(response)
    found = vevents(calendar)
    assert found[uid(spring)]["DTSTART"].dt == spring.starts_at
    assert found[uid(spring)]["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert found[uid(autumn)]["DTEND"].dt.utcoffset() == timedelta(hours=1)
    # The VTIMEZONE itself gives the same offsets as the time zone database.
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    own = zone.to_tz()
    for moment in (berlin(2026, 3, 29, 1), berlin(2026, 3, 29, 9), berlin(2026, 10, 25, 11)):
        naive = moment.replace(tzinfo=None)
        assert naive.replace(tzinfo=own).utcoffset() == moment.utcoffset()


def test_members_only_draft_and_old_events_stay_out_of_the_public_feed(client):
    public = EventFactory()
    members = EventFactory(visibility=EventVisibility.MEMBERS)
    draft = EventFactory(status=EventStatus.DRAFT)
    old = EventFactory(
        starts_at=timezone.now() - timedelta(days=120),
        ends_at=timezone.now() - timedelta(days=119),
        status=EventStatus.FINISHED,
    )
    recent = EventFactory(
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2),
        status=EventStatus.FINISHED,
    )
    found = vevents(public_feed(client))
    assert set(found) == {uid(public), uid(recent)}
    assert uid(members) not in found and uid(draft) not in found and uid(old) not in found


def test_cancelled_event_stays_with_status_cancelled_and_a_higher_sequence(client):
    event = EventFactory()
    before = vevents(public_feed(client))[uid(event)]
    later = timezone.now() + timedelta(minutes=5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        services.event_cancel(event, reason="Die Referentin ist erkrankt.", acting_user=None)
    after = vevents(public_feed(client))[uid(event)]
    assert str(after["STATUS"]) == "CANCELLED"
    assert "Die Referentin ist erkrankt." in str(after["DESCRIPTION"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_text_is_escaped_and_markup_stays_text(client):
    event = EventFactory(
        title="Workshop; KI, Daten\nund <script>alert(1)</script>",
        venue="Halle 3, Raum 1; Eingang B",
        description="**Fett**, dann ein [Link](https://example.org/a);\n\n<script>x()</script>",
    )
    response = client.get(reverse("events:calendar_feed"))
    text = response.content.decode()
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Workshop\\; KI\\, Daten\\nund <script>alert(1)</script>\r\n" in unfolded
    assert "LOCATION:Halle 3\\, Raum 1\\; Eingang B\r\n" in unfolded
    component = vevents(parse(response))[uid(event)]
    assert str(component["SUMMARY"]) == "Workshop; KI, Daten\nund <script>alert(1)</script>"
    description = str(component["DESCRIPTION"])
    assert description.startswith("Fett, dann ein Link (https://example.org/a);")
    assert "<script>x()</script>" in description  # shown as typed, not markup
    assert "**" not in description


def assert_rfc5545_lines(body: bytes) -> None:
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert b"\r" not in body.replace(b"\r\n", b"")
    for line in body.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line


def test_lines_end_in_crlf_and_are_folded_at_75_octets(client):
    EventFactory(
        title="Überlänge " * 19,
        description="Ä" * 400 + "\n\n" + "ok " * 200 + "\rlone CR\x0bvertical tab",
        venue="Straße " * 40 + "\r\n",
    )
    body = client.get(reverse("events:calendar_feed")).content
    assert_rfc5545_lines(body)
    # and folding keeps multi-byte characters whole
    body.decode("utf-8")


def test_event_ics_is_a_download_for_those_who_may_see_the_event(client, client_for):
    event = EventFactory(title="Hackathon: Sensorik & KI 2026")
    response = client.get(reverse("events:event_ics", args=[event.pk]))
    disposition = 'attachment; filename="hackathon-sensorik-ki-2026.ics"'
    assert response["Content-Disposition"] == disposition
    assert list(vevents(parse(response))) == [uid(event)]
    assert_rfc5545_lines(response.content)
    members = EventFactory(visibility=EventVisibility.MEMBERS)
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(reverse("events:event_ics", args=[members.pk])).status_code == 404
    assert client.get(reverse("events:event_ics", args=[draft.pk])).status_code == 404
    member = client_for(UserFactory(role="member"))
    assert member.get(reverse("events:event_ics", args=[members.pk])).status_code == 200
    assert member.get(reverse("events:event_ics", args=[draft.pk])).status_code == 404


def feed_url_of(page) -> str:
    match = re.search(r'<code id="feed-url">([^<]+)</code>', page.content.decode())
    assert match, "the page shows the feed address"
    return match.group(1).replace("http://127.0.0.1:8000", "")


def test_personal_feed_lists_only_the_users_active_registrations(client, client_for):
    user = UserFactory(role="member", email="Ida.Muster@firma.de")
    other = UserFactory(role="member")
    mine = RegistrationFactory(user=user, email=user.email)
    waiting = RegistrationFactory(user=user, email=user.email, status=RegistrationStatus.WAITING)
    by_address = RegistrationFactory(email="ida.muster@firma.de")
    RegistrationFactory(
        user=user, email=user.email, status=RegistrationStatus.CANCELLED
    )  # cancelled
    typed_by_someone = RegistrationFactory(
        email="ida.muster@firma.de", status=RegistrationStatus.UNCONFIRMED
    )
    RegistrationFactory(user=other, email=other.email)
    members_only = RegistrationFactory(
        user=user, email=user.email, event=EventFactory(visibility=EventVisibility.MEMBERS)
    )
    page = client_for(user).get(reverse("events:my_feed_link"))
    assert page.status_code == 200
    assert "data-copy-target" in page.content.decode()
    response = client.get(feed_url_of(page))  # calendar clients do not sign in
    assert_rfc5545_lines(response.content)
    found = set(vevents(parse(response)))
    expected = {mine, waiting, by_address, members_only}
    assert found == {uid(registration.event) for registration in expected}
    assert uid(typed_by_someone.event) not in found


def test_tampered_or_reset_feed_token_answers_404(client, client_for):
    user = UserFactory(role="member")
    RegistrationFactory(user=user, email=user.email)
    signed_in = client_for(user)
    url = feed_url_of(signed_in.get(reverse("events:my_feed_link")))
    assert client.get(url).status_code == 200
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    other = UserFactory(role="member")
    forged = token.replace(f"{user.pk}.", f"{other.pk}.", 1)
    for bad in (forged, token[:-1] + ("A" if token[-1] != "A" else "B"), "x", "1.abc:def"):
        assert client.get(reverse("events:my_feed", args=[bad])).status_code == 404
    response = signed_in.post(reverse("events:my_feed_link"))
    assert response.status_code == 302
    assert client.get(url).status_code == 404
    new_url = feed_url_of(signed_in.get(reverse("events:my_feed_link")))
    assert new_url != url
    assert client.get(new_url).status_code == 200


def test_feed_of_a_deactivated_account_answers_404(client, client_for):
    user = UserFactory(role="member")
    url = feed_url_of(client_for(user).get(reverse("events:my_feed_link")))
    user.is_active = False
    user.save()
    assert client.get(url).status_code == 404


def test_feed_link_page_needs_sign_in(client):
    response = client.get(reverse("events:my_feed_link"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_public_feed_is_rebuilt_when_an_event_changes(client):
    from innonet.events.models import Event

    event = EventFactory(title="Erste Fassung")
    assert "Erste Fassung" in client.get(reverse("events:calendar_feed")).content.decode()
    event.title = "Zweite Fassung"
    event.save()
    feed = client.get(reverse("events:calendar_feed")).content.decode()
    assert "Zweite Fassung" in feed and "Erste Fassung" not in feed
    Event.objects.filter(pk=event.pk).delete()
    assert "Zweite Fassung" not in client.get(reverse("events:calendar_feed")).content.decode()
