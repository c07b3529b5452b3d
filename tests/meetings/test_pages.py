"""The marketplace as participants and the office use it through the pages."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from innonet.meetings import services
from innonet.meetings.models import (
    Meeting,
    MeetingRequest,
    Participant,
    RequestStatus,
    Slot,
    Table,
)
from innonet.partners.models import MemberVisibility
from tests.factories import EventFactory, RegistrationFactory, UserFactory

from .world import accepted, join, marketplace_for

pytestmark = pytest.mark.django_db


def url(name, event, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"pk": event.pk, **kwargs})


@pytest.fixture(autouse=True)
def quick_plans(settings):
    settings.MEETINGS_PLAN_SECONDS = 1.0


def test_two_members_meet_through_the_pages(
    client_for, staff_user, django_capture_on_commit_callbacks
):
    market = marketplace_for(slots=2, tables=1, breaks=(0,))
    event = market.event
    anna, ben = UserFactory(), UserFactory()
    for user in (anna, ben):
        RegistrationFactory(
            event=event, email=user.email, user=user, organisation=user.organisation
        )
    a, b = client_for(anna), client_for(ben)
    # the event page leads to the marketplace
    assert (
        url("marketplace", event)
        in a.get(reverse("events:event_detail", kwargs={"pk": event.pk})).content.decode()
    )
    for client in (a, b):
        assert client.post(url("join", event)).status_code == 302
        response = client.post(
            url("profile", event),
            {"headline": "Bodensensorik", "offers": "Sonden", "published": "on"},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
    ben_p = Participant.objects.get(user=ben)
    listing = a.get(url("marketplace", event)).content.decode()
    assert (
        "Bodensensorik" in listing and url("request_create", event, participant=ben_p.pk) in listing
    )
    response = a.post(url("request_create", event, participant=ben_p.pk), {"message": "Gern!"})
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (
        url("my_requests", event) and "Gern!" in b.get(url("my_requests", event)).content.decode()
    )
    assert (
        b.post(
            reverse("meetings:request_answer", kwargs={"pk": request.pk}), {"answer": "accept"}
        ).status_code
        == 302
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    office = client_for(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(url("plan_build", event), {"mode": "keep"}).status_code == 302
    meeting = Meeting.objects.get()
    with translation.override("en"):
        plan = b.get(url("my_plan", event), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert request.requester.name in plan
    pdf = b.get(url("my_plan_pdf", event))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    ics = icalendar.Calendar.from_ical(b.get(url("my_plan_ics", event)).content)
    (entry,) = ics.walk("VEVENT")
    assert entry.decoded("dtstart") == meeting.slot.starts_at
    assert str(entry["dtstart"].params["TZID"]) == "Europe/Berlin"
    overview = office.get(url("office_plan", event)).content.decode()
    assert ben_p.name in overview


def test_an_online_room_abroad_keeps_its_time_zone(
    client_for, staff_user, django_capture_on_commit_callbacks
):
    market = marketplace_for(slots=1, tables=0, time_zone="America/New_York")
    event = market.event
    office = client_for(staff_user)
    assert (
        office.post(
            url("table_add", event),
            {"name": "Raum 1", "kind": "online", "link": "https://meet.example.org/r1"},
        ).status_code
        == 302
    )
    alice, bob = join(market), join(market)
    accepted(alice, bob)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(url("plan_build", event))
    slot = Slot.objects.get()
    ics = icalendar.Calendar.from_ical(
        client_for(alice.user).get(url("my_plan_ics", event)).content
    )
    (entry,) = ics.walk("VEVENT")
    assert str(entry["dtstart"].params["TZID"]) == "America/New_York"
    assert entry.decoded("dtstart") == slot.starts_at  # the same instant
    assert str(entry["url"]) == "https://meet.example.org/r1"
    assert ics.walk("VTIMEZONE")[0]["TZID"] == "America/New_York"
    page = client_for(alice.user).get(url("my_plan", event)).content.decode()
    local = slot.starts_at.astimezone(ZoneInfo("America/New_York"))
    assert local.strftime("%H:%M") in page


def test_slots_entered_by_the_office_are_read_in_the_marketplaces_zone(client_for, staff_user):
    market = marketplace_for(slots=0, tables=0, time_zone="Europe/London")
    event = market.event
    start = timezone.localtime(event.starts_at, ZoneInfo("Europe/London"))
    form = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "kind": "meeting",
    }
    assert client_for(staff_user).post(url("slot_add", event), form).status_code == 302
    assert Slot.objects.get().starts_at == event.starts_at.replace(second=0)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("slot_add", {"starts_at": "gestern", "ends_at": "2026-13-45T99:99", "kind": "meeting"}),
        ("slot_add", {"starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T09:00", "kind": "x"}),
        ("table_add", {"name": "", "kind": "online", "link": "javascript:alert(1)"}),
        ("table_add", {"name": "T" * 500, "kind": "table"}),
        ("settings", {"time_zone": "<script>", "max_requests": "-1"}),
        ("settings", {"time_zone": "Europe/Berlin", "max_requests": "99999999999999999999"}),
    ],
)
def test_hostile_office_input_comes_back_with_messages(client_for, staff_user, name, data):
    market = marketplace_for(slots=1, tables=1)
    response = client_for(staff_user).post(url(name, market.event), data)
    assert response.status_code == 200
    assert (
        "invalid-feedback" in response.content.decode()
        or "alert-danger" in response.content.decode()
    )
    assert (Slot.objects.count(), Table.objects.count()) == (1, 1)
    market.refresh_from_db()
    assert (market.time_zone, market.max_requests) == ("Europe/Berlin", 10)


@pytest.mark.parametrize(
    "data",
    [
        {"headline": "", "published": "on"},
        {"headline": "x" * 5000},
        {"headline": "ok", "offers": "y" * 5000},
        {"headline": "ok", "unavailable_slots": ["999999", "abc"]},
        {"headline": "Zeile\x00mit Null"},
    ],
)
def test_hostile_profile_input_changes_nothing(client_for, data):
    market = marketplace_for()
    alice = join(market)
    response = client_for(alice.user).post(url("profile", market.event), data)
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.headline == "Sensorik für den Acker"


def test_a_participant_cannot_answer_or_withdraw_others_requests(client_for):
    market = marketplace_for()
    alice, bob, eve = join(market), join(market), join(market)
    request = services.request_create(requester=alice, recipient=bob, acting_user=alice.user)
    eve_client = client_for(eve.user)
    for name in ("request_answer", "request_withdraw"):
        response = eve_client.post(
            reverse(f"meetings:{name}", kwargs={"pk": request.pk}), {"answer": "accept"}
        )
        assert response.status_code == 404
    # the requester may not accept their own request
    client_for(alice.user).post(
        reverse("meetings:request_answer", kwargs={"pk": request.pk}), {"answer": "accept"}
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.REQUESTED


def test_hostile_request_input(client_for):
    market = marketplace_for()
    alice, bob = join(market), join(market)
    other_market = marketplace_for()
    stranger = join(other_market)
    c = client_for(alice.user)
    assert (
        c.post(
            url("request_create", market.event, participant=bob.pk), {"message": "x" * 5000}
        ).status_code
        == 200
    )
    assert c.post(url("request_create", market.event, participant=alice.pk), {}).status_code == 200
    assert (
        c.post(url("request_create", market.event, participant=stranger.pk), {}).status_code == 404
    )
    assert not MeetingRequest.objects.exists()


def test_the_office_opens_a_marketplace_from_the_event(client_for, staff_user, member_user):
    event = EventFactory()
    detail = (
        client_for(staff_user)
        .get(reverse("events:event_detail", kwargs={"pk": event.pk}))
        .content.decode()
    )
    assert url("open", event) in detail
    assert client_for(member_user).post(url("open", event)).status_code == 403
    assert client_for(staff_user).post(url("open", event)).status_code == 302
    assert client_for(staff_user).get(url("office", event)).status_code == 200


def test_the_marketplace_page_stays_within_a_fixed_number_of_queries(
    client_for, django_assert_max_num_queries
):
    market = marketplace_for()
    viewer = join(market)
    for _ in range(12):
        join(market)
    client = client_for(viewer.user)
    client.get(url("marketplace", market.event))
    with django_assert_max_num_queries(40):
        assert client.get(url("marketplace", market.event)).status_code == 200


SENSORS = (
    "Funksensorik für die Landwirtschaft: Bodenfeuchte, LoRaWAN-Gateways und Datenanalyse für "
    "Feldversuche auf Ackerflächen."
)


def test_suggestions_with_reasons_among_the_participants(client_for):
    market = marketplace_for()
    asking = UserFactory(organisation__description=SENSORS, organisation__kind="sme", language="en")
    institute = UserFactory(
        organisation__name="Institut für Agrarsensorik",
        organisation__description=SENSORS,
        organisation__kind="research",
        organisation__member_visibility=MemberVisibility.SHOWN,
    )
    viewer = join(market, asking)
    suggested = join(market, institute, headline="Feldversuche mit Funksensorik")
    join(market, UserFactory(organisation__description="Bäckerei und Konditorei"))
    content = client_for(asking).get(url("marketplace", market.event)).content.decode()
    assert 'aria-labelledby="suggested-heading"' in content
    cards = content.split('aria-labelledby="suggested-heading"', 1)[1].split("</section>", 1)[0]
    assert suggested.name in cards
    reasons = cards.split('class="badge', 1)[1].split("</p>", 1)[0].lower()
    assert any(word in reasons for word in ("sensor", "lora", "boden", "feld", "landwirt"))
    assert url("request_create", market.event, participant=suggested.pk) in cards
    assert viewer.name not in cards and "Bäckerei" not in cards
    # Once asked, the institute is no longer suggested; the list shows the request instead.
    services.request_create(requester=viewer, recipient=suggested, acting_user=asking)
    content = client_for(asking).get(url("marketplace", market.event)).content.decode()
    assert 'aria-labelledby="suggested-heading"' not in content
    assert url("request_create", market.event, participant=suggested.pk) not in content
