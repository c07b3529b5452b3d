"""The REST API of formats, events and registrations, as an API client sees it."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from innonet.accounts import services as account_services
from innonet.core.rest.models import IdempotencyKey
from innonet.events.models import (
    Event,
    EventStatus,
    EventVisibility,
    Format,
    Registration,
    RegistrationStatus,
)
from tests.factories import (
    EventFactory,
    FormatFactory,
    NetworkFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.nasty import NASTY_STRINGS
from tests.networks.factories import share_with

pytestmark = pytest.mark.django_db


class Api:
    """A JSON client with a personal API token, as scripts use the API (in English)."""

    def __init__(self, user=None, scope="write"):
        self.client = Client()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        self.headers = {}
        if user is not None:
            _, plain = account_services.api_token_create(
                user, name="Test", scope=scope, days=1, acting_user=user
            )
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {plain}"

    def get(self, url, **params):
        return self.client.get(url, params, **self.headers)

    def send(self, method, url, data=None, **headers):
        body = json.dumps(data if data is not None else {}, ensure_ascii=False)
        body = body.encode("utf-8", "surrogatepass")
        return self.client.generic(
            method, url, body, content_type="application/json", **self.headers, **headers
        )

    def post(self, url, data=None, **headers):
        return self.send("POST", url, data, **headers)

    def patch(self, url, data=None, **headers):
        return self.send("PATCH", url, data, **headers)


@pytest.fixture
def api(role_users):
    return {role: Api(user) for role, user in role_users.items()} | {"anonymous": Api()}


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def in_days(days, hours=0):
    return timezone.now() + timedelta(days=days, hours=hours)


# Who sees what ------------------------------------------------------------------------------


def test_event_list_follows_the_visibility_of_each_role(api, role_users):
    public = EventFactory()
    members = EventFactory(visibility=EventVisibility.MEMBERS)
    draft = EventFactory(status=EventStatus.DRAFT)
    own_draft = EventFactory(
        status=EventStatus.DRAFT, organiser=role_users["network_manager"].network
    )
    assert ids(api["anonymous"].get("/api/events/")) == {public.pk}
    assert ids(api["member"].get("/api/events/")) == {public.pk, members.pk}
    # Another network's events reach a manager only by agreement, and only the public ones.
    assert ids(api["network_manager"].get("/api/events/")) == {own_draft.pk}
    share_with(role_users["network_manager"].network, public_events=True)
    assert ids(api["network_manager"].get("/api/events/")) == {public.pk, own_draft.pk}
    assert ids(api["board"].get("/api/events/")) == {public.pk, members.pk, draft.pk, own_draft.pk}
    assert api["anonymous"].get(f"/api/events/{members.pk}/").status_code == 404
    assert api["member"].get(f"/api/events/{draft.pk}/").status_code == 404


def test_events_show_their_places(api):
    event = EventFactory(capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    unlimited = EventFactory(capacity=None)
    rows = {row["id"]: row for row in api["anonymous"].get("/api/events/").json()["results"]}
    assert rows[event.pk]["places"] == {"capacity": 3, "confirmed": 2, "waiting": 1, "free": 1}
    assert rows[unlimited.pk]["places"] == {
        "capacity": None,
        "confirmed": 0,
        "waiting": 0,
        "free": None,
    }


def test_event_filters_and_ordering(api, role_users):
    network = NetworkFactory()
    early = EventFactory(starts_at=in_days(3), ends_at=in_days(3, 2))
    late = EventFactory(starts_at=in_days(40), ends_at=in_days(40, 2))
    co_organised = EventFactory(starts_at=in_days(10), ends_at=in_days(10, 2))
    co_organised.co_organisers.add(network)
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    client = api["member"]
    assert ids(client.get("/api/events/", status="cancelled")) == {cancelled.pk}
    assert ids(client.get("/api/events/", organiser=network.pk)) == {co_organised.pk}
    after = in_days(20).isoformat()
    assert ids(client.get("/api/events/", starts_after=after)) == {late.pk}
    assert early.pk in ids(client.get("/api/events/", starts_before=after))
    rows = client.get("/api/events/", ordering="-starts_at", status="published").json()
    assert rows["results"][0]["id"] == late.pk
    bad_input = (
        {"starts_after": "gestern"},
        {"starts_before": "0029-04-24T00:50:08+21:24"},
        {"starts_after": "0001-01-01T00:00:00+05:00"},
        {"status": "unknown"},
        {"organiser": "abc"},
        {"organiser": str(10**30)},
    )
    for bad in bad_input:
        assert client.get("/api/events/", **bad).status_code == 400


def test_registrations_are_scoped_and_another_organisations_answer_404(api, role_users):
    member, member_b = role_users["member"], role_users["member_b"]
    event = EventFactory(organiser=role_users["network_manager"].network)
    colleague = RegistrationFactory(event=event, organisation=member.organisation)
    other = RegistrationFactory(event=event, organisation=member_b.organisation)
    elsewhere = RegistrationFactory(organisation=member.organisation)  # host network's event
    assert ids(api["member"].get("/api/registrations/")) == {colleague.pk, elsewhere.pk}
    assert ids(api["member_b"].get("/api/registrations/")) == {other.pk}
    assert ids(api["network_manager"].get("/api/registrations/")) == {colleague.pk, other.pk}
    assert ids(api["member"].get("/api/registrations/", event=event.pk)) == {colleague.pk}
    before = Registration.objects.get(pk=colleague.pk)
    for response in (
        api["member_b"].get(f"/api/registrations/{colleague.pk}/"),
        api["member_b"].post(f"/api/registrations/{colleague.pk}/cancel/"),
        api["member_b"].post(f"/api/registrations/{colleague.pk}/check-in/"),
    ):
        assert response.status_code == 404
    after = Registration.objects.get(pk=colleague.pk)
    assert (after.status, after.attended_at, after.updated_at) == (
        before.status,
        before.attended_at,
        before.updated_at,
    )


def test_registration_filter_on_an_invisible_event_is_refused(api):
    draft = EventFactory(status=EventStatus.DRAFT)
    RegistrationFactory(event=draft)
    response = api["member"].get("/api/registrations/", event=draft.pk)
    assert response.status_code == 400
    assert "event" in response.json()


def test_formats_are_for_signed_in_users_and_kept_by_their_network(api, role_users):
    network = role_users["network_manager"].network
    FormatFactory(name="Expertengespräch")
    assert api["anonymous"].get("/api/formats/").status_code == 401
    assert api["member"].get("/api/formats/").json()["count"] == 1
    response = api["network_manager"].post("/api/formats/", {"name": "Werkstatt", "capacity": 12})
    assert response.status_code == 201, response.content
    assert response.json()["network"] == network.pk
    response = api["network_manager"].post(
        "/api/formats/", {"name": "Fremd", "network": NetworkFactory().pk}
    )
    assert response.status_code == 400
    assert "network" in response.json()
    assert not Format.objects.filter(name="Fremd").exists()
    response = api["network_manager"].post("/api/formats/", {"name": "Werkstatt"})
    assert response.status_code == 400
    assert response.json()["name"] == ["This network already has a format with this name."]


# Writes through the services ------------------------------------------------------------------


def test_manager_creates_publishes_and_cancels_an_event_of_its_network(api, role_users):
    network = role_users["network_manager"].network
    client = api["network_manager"]
    starts = in_days(14)
    response = client.post(
        "/api/events/",
        {
            "title": "Sensorik-Werkstatt",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "capacity": 20,
            "asked_fields": ["organisation", "dietary", "organisation"],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["organiser"] == network.pk
    assert body["asked_fields"] == ["organisation", "dietary"]
    assert body["consent_text"]  # the default text
    assert body["places"] == {"capacity": 20, "confirmed": 0, "waiting": 0, "free": 20}
    url = f"/api/events/{body['id']}/transition/"
    response = client.post(url, {"status": "published"})
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    response = client.post(url, {"status": "cancelled", "reason": "Der Raum fehlt."})
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancellation_reason"] == "Der Raum fehlt."
    response = client.post(url, {"status": "published"})
    assert response.status_code == 400
    assert response.json() == {"status": ["A cancelled event cannot become published."]}
    assert client.post(url, {"status": "draft"}).status_code == 400


def test_manager_cannot_organise_for_another_network(api):
    starts = in_days(5)
    response = api["network_manager"].post(
        "/api/events/",
        {
            "title": "Fremd",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "organiser": NetworkFactory().pk,
        },
    )
    assert response.status_code == 400
    assert response.json() == {"organiser": ["You can only organise events for your own network."]}
    assert not Event.objects.filter(title="Fremd").exists()


def test_capacity_below_confirmed_places_is_refused_with_the_message(api):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    response = api["staff"].patch(f"/api/events/{event.pk}/", {"capacity": 2})
    assert response.status_code == 400
    assert response.json() == {
        "capacity": ["3 people are already confirmed; the capacity cannot be lower."]
    }
    event.refresh_from_db()
    assert event.capacity == 5


def test_one_click_registration_and_own_cancellation(api, role_users):
    member = role_users["member"]
    event = EventFactory(capacity=1)
    response = api["member"].post("/api/registrations/", {"event": event.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["email"] == member.email.lower()
    waiting = api["member_b"].post("/api/registrations/", {"event": event.pk}).json()
    assert waiting["status"] == "waiting"
    again = api["member"].post("/api/registrations/", {"event": event.pk})
    assert again.status_code == 400
    assert again.json() == {"detail": "This person is already registered for the event."}
    response = api["member"].post(f"/api/registrations/{body['id']}/cancel/")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=waiting["id"]).status == RegistrationStatus.CONFIRMED


def test_the_office_registers_a_person_and_checks_them_in(api, role_users):
    event = EventFactory(organiser=role_users["network_manager"].network)
    client = api["network_manager"]
    person = {"event": event.pk, "first_name": "Ada", "last_name": "Lovelace"}
    response = client.post("/api/registrations/", {**person, "email": "ada@wegwerfmail.de"})
    assert response.status_code == 400
    assert "email" in response.json()
    response = client.post("/api/registrations/", {**person, "email": "Ada@Rechenwerk.de"})
    assert response.status_code == 201, response.content
    registration = response.json()
    assert (registration["status"], registration["source"]) == ("confirmed", "staff")
    response = client.post(f"/api/registrations/{registration['id']}/check-in/")
    assert response.status_code == 200
    assert response.json()["attended_at"]
    response = client.post("/api/registrations/", {**person, "email": "ada@rechenwerk.de"})
    assert response.status_code == 400
    assert response.json() == {"detail": "This person is already registered for the event."}
    assert event.registrations.count() == 1


def test_members_register_only_themselves(api, role_users):
    event = EventFactory()
    response = api["member"].post(
        "/api/registrations/",
        {"event": event.pk, "first_name": "Fremd", "last_name": "Person", "email": "f@firma.de"},
    )
    assert response.status_code == 403
    assert not event.registrations.exists()


# Mass assignment (RELIABILITY item 11) ------------------------------------------------------


def test_posted_registration_states_and_links_are_ignored(api, role_users):
    member = role_users["member"]
    event = EventFactory(requires_approval=True)
    stranger = UserFactory(role="member")
    other_org = OrganisationFactory()
    response = api["member"].post(
        "/api/registrations/",
        {
            "event": event.pk,
            "id": 987654,
            "status": "confirmed",
            "user": stranger.pk,
            "organisation": other_org.pk,
            "person": 1,
            "source": "staff",
            "attended_at": timezone.now().isoformat(),
            "registered_by": 1,
        },
    )
    assert response.status_code == 201, response.content
    registration = Registration.objects.get(event=event)
    assert registration.pk != 987654
    assert registration.status == RegistrationStatus.PENDING  # the event needs approval
    assert registration.user == member
    assert registration.organisation_id == member.organisation_id
    assert registration.source == "member"
    assert registration.attended_at is None
    assert registration.registered_by is None


def test_members_cannot_change_events_and_read_only_fields_stay(api, role_users):
    event = EventFactory(status=EventStatus.DRAFT, organiser=role_users["network_manager"].network)
    response = api["member"].patch(f"/api/events/{event.pk}/", {"capacity": 500})
    assert response.status_code == 404  # a draft: members do not even see it
    public = EventFactory(capacity=10)
    response = api["member"].patch(f"/api/events/{public.pk}/", {"capacity": 500})
    assert response.status_code == 403
    response = api["member"].post(f"/api/events/{public.pk}/transition/", {"status": "cancelled"})
    assert response.status_code == 403
    response = api["network_manager"].patch(
        f"/api/events/{event.pk}/",
        {
            "id": 424242,
            "status": "published",
            "published_at": "2020-01-01T00:00:00Z",
            "cancellation_reason": "x",
            "places": {"confirmed": 99},
            "created_at": "2000-01-01T00:00:00Z",
            "title": "Umbenannt",
        },
    )
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    public.refresh_from_db()
    assert public.capacity == 10 and public.status == EventStatus.PUBLISHED
    assert (event.pk, event.status, event.published_at) != (424242, "published", None)
    assert event.status == EventStatus.DRAFT and event.published_at is None
    assert event.title == "Umbenannt" and event.created_at.year > 2000
    assert not Event.objects.filter(pk=424242).exists()


def test_read_only_token_never_writes(role_users):
    client = Api(role_users["staff"], scope="read")
    response = client.post("/api/formats/", {"name": "Lesen", "network": NetworkFactory().pk})
    assert response.status_code == 403
    assert not Format.objects.filter(name="Lesen").exists()


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"ends_at": "2020-01-01T00:00:00+01:00"},
        {"starts_at": "morgen früh"},
        {"starts_at": "0003-04-17T10:14:22.739-00:13"},
        {"ends_at": "9999-12-31T23:59:59Z"},
        {"capacity": 10**30},
        {"capacity": -1},
        {"capacity": 1e309},
        {"capacity": "zehn"},
        {"asked_fields": ["shoe_size"]},
        {"asked_fields": "organisation"},
        {"title": "x" * 10_000},
        {"title": ""},
        {"title": "Null\x00Byte"},
        {"visibility": "everyone"},
        {"online_url": "javascript:alert(1)"},
        {"organiser": "1; DROP TABLE"},
        {"co_organisers": [10**20]},
        {"ris3_fields": "1"},
        {"registration_opens_at": "2026-01-10T00:00:00Z", "registration_closes_at": "2026-01-01"},
        {"format": ""},
    ],
)
def test_bad_event_input_is_a_400_and_creates_nothing(api, role_users, change):
    starts = in_days(9)
    valid = {
        "title": "Gute Veranstaltung",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
    }
    body = json.dumps({**valid, **change}).replace("Infinity", "1e309")
    response = api["network_manager"].client.generic(
        "POST",
        "/api/events/",
        body,
        content_type="application/json",
        **api["network_manager"].headers,
    )
    assert response.status_code == 400, response.content
    assert not Event.objects.exists()


def test_malformed_bodies_are_400(api):
    client = api["staff"]
    for body, content_type in (
        ("{not json", "application/json"),
        ("[]", "application/json"),
        ("title=x", "application/x-www-form-urlencoded"),
    ):
        response = client.client.generic(
            "POST", "/api/events/", body, content_type=content_type, **client.headers
        )
        assert response.status_code in (400, 415), (body, response.status_code)
    response = client.post("/api/registrations/", {"event": "abc"})
    assert response.status_code == 400
    response = client.post("/api/events/1/transition/", {"status": None})
    assert response.status_code in (400, 404)


def test_nasty_strings_in_every_text_field_of_an_event(api):
    starts = in_days(9)
    client = api["staff"]
    network = NetworkFactory()
    fields = ("title", "summary", "description", "venue", "speakers", "consent_text")
    for field in fields:
        for value in NASTY_STRINGS:
            response = client.post(
                "/api/events/",
                {
                    "title": "Sicher",
                    "starts_at": starts.isoformat(),
                    "ends_at": (starts + timedelta(hours=2)).isoformat(),
                    "organiser": network.pk,
                    field: value,
                },
            )
            assert response.status_code in (201, 400), (field, value[:30], response.content)


def test_nasty_strings_in_a_registration_by_the_office(api):
    event = EventFactory()
    client = api["staff"]
    for field in ("first_name", "last_name", "organisation_name", "remarks", "phone"):
        for number, value in enumerate(NASTY_STRINGS):
            person = {"first_name": "Eva", "last_name": "Muster", field: value}
            person["email"] = f"eva{number}.{field}@firma.de"
            response = client.post("/api/registrations/", {"event": event.pk, **person})
            assert response.status_code in (201, 400), (field, value[:30], response.content)
    for registration in event.registrations.all():
        assert "\x00" not in registration.first_name + registration.remarks
        assert "\u202e" not in registration.last_name


def test_registration_for_closed_or_unknown_events_is_refused(api):
    closed = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    draft = EventFactory(status=EventStatus.DRAFT)
    client = api["member"]
    response = client.post("/api/registrations/", {"event": closed.pk})
    assert response.status_code == 400
    assert response.json() == {"detail": "Registration for this event has closed."}
    response = client.post("/api/registrations/", {"event": cancelled.pk})
    assert response.json() == {"detail": "This event has been cancelled."}
    response = client.post("/api/registrations/", {"event": draft.pk})
    assert response.status_code == 400
    assert "event" in response.json()  # not visible: "does not exist", nothing revealed
    assert not Registration.objects.exists()


# Idempotency-Key (RELIABILITY item 27; the concurrent case is in test_api_concurrency.py) ---


def test_a_replayed_create_returns_the_first_answer_and_creates_nothing(api):
    client = api["network_manager"]
    body = {"name": "Zukunftswerkstatt"}
    first = client.post("/api/formats/", body, HTTP_IDEMPOTENCY_KEY="8c1f0e2a-key")
    second = client.post("/api/formats/", body, HTTP_IDEMPOTENCY_KEY="8c1f0e2a-key")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Format.objects.filter(name="Zukunftswerkstatt").count() == 1
    other = client.post("/api/formats/", {"name": "Anders"}, HTTP_IDEMPOTENCY_KEY="8c1f0e2a-key")
    assert other.status_code == 422
    assert not Format.objects.filter(name="Anders").exists()


def test_a_failed_request_does_not_use_up_its_key(api):
    event = EventFactory(status=EventStatus.DRAFT)
    client = api["member"]
    key = {"HTTP_IDEMPOTENCY_KEY": "retry-1"}
    assert client.post("/api/registrations/", {"event": event.pk}, **key).status_code == 400
    event.status = EventStatus.PUBLISHED
    event.save()
    response = client.post("/api/registrations/", {"event": event.pk}, **key)
    assert response.status_code == 201
    assert event.registrations.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_keys_belong_to_their_user_and_must_be_well_formed(api):
    event = EventFactory()
    key = {"HTTP_IDEMPOTENCY_KEY": "same-key"}
    assert api["member"].post("/api/registrations/", {"event": event.pk}, **key).status_code == 201
    response = api["member_b"].post("/api/registrations/", {"event": event.pk}, **key)
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert event.registrations.count() == 2
    for bad in ("x" * 256, "mit leerzeichen", "ümlaut".encode().decode("latin-1")):
        response = api["member"].post(
            "/api/registrations/", {"event": event.pk}, HTTP_IDEMPOTENCY_KEY=bad
        )
        assert response.status_code == 400
        assert "Idempotency-Key" in response.json()


def test_old_keys_expire(api):
    client = api["network_manager"]
    key = {"HTTP_IDEMPOTENCY_KEY": "alt"}
    assert client.post("/api/formats/", {"name": "Eins"}, **key).status_code == 201
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(days=2))
    response = client.post("/api/formats/", {"name": "Zwei"}, **key)
    assert response.status_code == 201
    assert Format.objects.filter(name__in=["Eins", "Zwei"]).count() == 2


def test_format_filters_take_true_or_false_only(api):
    shared = FormatFactory(is_shared=True)
    own = FormatFactory(is_shared=False)
    client = api["member"]
    assert ids(client.get("/api/formats/", is_shared="true")) == {shared.pk}
    assert ids(client.get("/api/formats/", is_shared="false")) == {own.pk}
    for bad in ("null", "1", "yes", ""):
        assert client.get("/api/formats/", is_shared=bad).status_code == 400
