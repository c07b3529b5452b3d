"""The office's pages: the event form and its bad input, status changes, the registration
list with filters and exports, and actions on single registrations."""

import csv
import io
import re
from datetime import UTC, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from innonet.core.models import AuditEntry
from innonet.events.models import Event, EventStatus, Registration, RegistrationStatus
from innonet.partners.models import Organisation
from tests.factories import EventFactory, OrganisationFactory, RegistrationFactory, host_network
from tests.nasty import SCRIPT_MARKER
from tests.networks.factories import share_with

pytestmark = pytest.mark.django_db


def english(client):
    """Pages in English, as chosen with the language switch."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


LOCAL = "%Y-%m-%dT%H:%M"


def local(value) -> str:
    return timezone.localtime(value).strftime(LOCAL)


def event_data(event: Event | None = None, **changes) -> dict:
    """A complete valid form for `event` (or a new one next month), with changes."""
    starts = event.starts_at if event else timezone.now() + timedelta(days=30)
    ends = event.ends_at if event else starts + timedelta(hours=2)
    data = {
        "title": event.title if event else "Werkstattgespräch Robotik",
        "starts_at": local(starts),
        "ends_at": local(ends),
        "organiser": event.organiser_id if event else host_network().pk,
        "visibility": "public",
        "capacity": str(event.capacity) if event and event.capacity else "20",
        "waiting_list": "on",
        "asked_fields": ["organisation", "dietary"],
        "consent_text": "Ich bin einverstanden.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def field_error(response, name: str) -> str:
    """The text of the error shown under a field."""
    match = re.search(
        rf'id="id_{name}_error"[^>]*>(.*?)</div>\s*</div>', response.content.decode(), re.S
    )
    assert match, f"no error shown on {name}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


# --- event form -------------------------------------------------------------------------


def test_staff_create_an_event_as_draft(staff_client):
    response = staff_client.post(reverse("events:event_create"), event_data())

    event = Event.objects.get()
    assert response["Location"] == reverse("events:event_detail", kwargs={"pk": event.pk})
    assert event.status == EventStatus.DRAFT
    assert event.asked_fields == ["organisation", "dietary"]
    assert event.capacity == 20 and event.waiting_list


def test_times_are_read_and_shown_in_berlin_time(staff_client):
    data = event_data(starts_at="2031-01-15T18:00", ends_at="2031-01-15T20:30")

    staff_client.post(reverse("events:event_create"), data)

    event = Event.objects.get()
    assert event.starts_at.astimezone(UTC).hour == 17  # CET is UTC+1 in January
    page = staff_client.get(reverse("events:event_update", kwargs={"pk": event.pk}))
    assert 'value="2031-01-15T18:00"' in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at": "2031-03-01T18:00", "ends_at": "2031-03-01T17:00"},
            "ends_at",
            "The event cannot end before it starts.",
        ),
        (
            {
                "starts_at": "2031-03-01T18:00",
                "ends_at": "2031-03-01T20:00",
                "registration_opens_at": "2031-02-20T09:00",
                "registration_closes_at": "2031-02-10T09:00",
            },
            "registration_closes_at",
            "Registration cannot close before it opens.",
        ),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"starts_at": "morgen früh"}, "starts_at", "Enter a valid date/time."),
        ({"capacity": "1e309"}, "capacity", "Enter a whole number."),
        ({"capacity": "99999999999999999999"}, "capacity", "less than or equal to 100000"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Enter a valid URL."),
        ({"co_organisers": ["99999999999999999999999"]}, "co_organisers", "is not a valid value"),
    ],
    ids=[
        "end-before-start",
        "window-order",
        "overlong-title",
        "bad-date",
        "1e309",
        "huge",
        "js-url",
        "huge-id",
    ],
)
def test_bad_input_is_shown_on_the_field_and_nothing_is_saved(
    staff_client, changes, field, message
):
    response = english(staff_client).post(reverse("events:event_create"), event_data(**changes))

    assert response.status_code == 200
    assert message in field_error(response, field)
    assert not Event.objects.exists()


def test_bad_input_on_edit_changes_nothing(staff_client):
    event = EventFactory(title="Netzwerktreffen")
    url = reverse("events:event_update", kwargs={"pk": event.pk})
    data = event_data(
        event, title="Neuer Titel", ends_at=local(event.starts_at - timedelta(hours=1))
    )

    response = english(staff_client).post(url, data)

    assert "The event cannot end before it starts." in field_error(response, "ends_at")
    event.refresh_from_db()
    assert event.title == "Netzwerktreffen"
    assert event.ends_at > event.starts_at


def test_capacity_below_the_confirmed_count_is_refused(staff_client):
    event = EventFactory(capacity=10)
    RegistrationFactory.create_batch(3, event=event)
    url = reverse("events:event_update", kwargs={"pk": event.pk})

    response = english(staff_client).post(url, event_data(event, capacity="2"))

    assert "3 people are already confirmed" in field_error(response, "capacity")
    event.refresh_from_db()
    assert event.capacity == 10


def test_raising_capacity_promotes_the_waiting_list(staff_client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, status=RegistrationStatus.WAITING, waitlisted_at=timezone.now()
    )
    url = reverse("events:event_update", kwargs={"pk": event.pk})

    staff_client.post(url, event_data(event, capacity="2"))

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_html_in_the_title_stays_escaped(staff_client):
    staff_client.post(reverse("events:event_create"), event_data(title=SCRIPT_MARKER))

    event = Event.objects.get()
    assert event.title == SCRIPT_MARKER
    for name in ("event_update", "event_transition", "registration_list"):
        html = staff_client.get(reverse(f"events:{name}", kwargs={"pk": event.pk})).content.decode()
        assert SCRIPT_MARKER not in html
        assert "&lt;script&gt;" in html


def test_posted_status_and_other_fields_are_ignored(staff_client):
    staff_client.post(
        reverse("events:event_create"),
        event_data(status="published", published_at="2020-01-01T00:00", cancellation_reason="x"),
    )

    event = Event.objects.get()
    assert event.status == EventStatus.DRAFT and event.published_at is None


def test_manager_organises_only_for_the_own_network(client_for, role_users):
    manager = role_users["network_manager"]
    client = client_for(manager)

    client.post(reverse("events:event_create"), event_data(organiser=host_network().pk))
    assert not Event.objects.exists()

    client.post(reverse("events:event_create"), event_data(organiser=manager.network.pk))
    assert Event.objects.get().organiser == manager.network


def test_manager_cannot_edit_another_networks_event(client_for, role_users):
    event = EventFactory(title="Netzwerktreffen")
    client = client_for(role_users["network_manager"])
    url = reverse("events:event_update", kwargs={"pk": event.pk})

    # Not shared with the manager's network: not found; shared, still not the manager's.
    assert client.post(url, event_data(event, title="Gekapert")).status_code == 404
    share_with(role_users["network_manager"].network, public_events=True)
    assert client.post(url, event_data(event, title="Gekapert")).status_code == 403
    event.refresh_from_db()
    assert event.title == "Netzwerktreffen"


# --- status -----------------------------------------------------------------------------


def transition(client, event, **data):
    url = reverse("events:event_transition", kwargs={"pk": event.pk})
    return english(client).post(url, data, follow=True)


def test_publish_a_draft(staff_client):
    event = EventFactory(status=EventStatus.DRAFT)

    response = transition(staff_client, event, status="published")

    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.published_at is not None
    assert response.redirect_chain[-1][0] == reverse("events:event_detail", kwargs={"pk": event.pk})


def test_cancel_with_a_reason(staff_client):
    event = EventFactory()

    transition(staff_client, event, status="cancelled", reason="Referent erkrankt")

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert event.cancellation_reason == "Referent erkrankt"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (EventStatus.DRAFT, "finished"),
        (EventStatus.CANCELLED, "published"),
        (EventStatus.FINISHED, "cancelled"),
        (EventStatus.PUBLISHED, "published"),
    ],
)
def test_illegal_status_jumps_are_refused(staff_client, start, target):
    event = EventFactory(status=start)

    response = transition(staff_client, event, status=target)

    event.refresh_from_db()
    assert event.status == start
    assert "cannot become" in response.content.decode()
    assert not AuditEntry.objects.filter(action__startswith="events.event.").exists()


def test_finishing_before_the_start_is_refused(staff_client):
    event = EventFactory()  # next week

    transition(staff_client, event, status="finished")

    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_unknown_status_is_refused(staff_client):
    event = EventFactory(status=EventStatus.DRAFT)

    transition(staff_client, event, status="deleted")

    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT


def test_status_page_offers_only_the_possible_moves(staff_client):
    event = EventFactory(status=EventStatus.DRAFT)
    html = staff_client.get(
        reverse("events:event_transition", kwargs={"pk": event.pk})
    ).content.decode()

    assert 'value="published"' in html and 'value="cancelled"' in html
    assert 'value="finished"' not in html


def test_members_cannot_move_a_status(client_for, role_users):
    event = EventFactory()

    response = client_for(role_users["member"]).post(
        reverse("events:event_transition", kwargs={"pk": event.pk}), {"status": "cancelled"}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


# --- registrations ----------------------------------------------------------------------


def registration_list(client, event, **query):
    return client.get(reverse("events:registration_list", kwargs={"pk": event.pk}), query)


def listed_names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(
        r'<th scope="row"><a href="/veranstaltungen/anmeldungen/\d+/">([^<]+)</a>', html
    )


def test_list_shows_counts_and_filters_by_status(staff_client):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, last_name="Albers", first_name="Anna")
    RegistrationFactory(event=event, last_name="Brandt", first_name="Ben")
    RegistrationFactory(
        event=event, last_name="Claßen", first_name="Clara", status=RegistrationStatus.WAITING
    )

    response = registration_list(staff_client, event)
    html = response.content.decode()
    assert re.search(r'id="places-confirmed">2<', html)
    assert re.search(r'id="places-free">0<', html)
    assert re.search(r'id="places-waiting">1<', html)
    assert listed_names(response) == ["Albers, Anna", "Brandt, Ben", "Claßen, Clara"]

    waiting = registration_list(staff_client, event, status="waiting")
    assert listed_names(waiting) == ["Claßen, Clara"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("albers", ["Albers, Anna"]),
        ("ben@", ["Brandt, Ben"]),
        ("muller sensorik", ["Claßen, Clara"]),  # folded like the registry search
        ("niemand", []),
    ],
)
def test_search_by_name_email_and_organisation(staff_client, query, expected):
    event = EventFactory()
    RegistrationFactory(event=event, last_name="Albers", first_name="Anna", email="a@beispiel.de")
    RegistrationFactory(event=event, last_name="Brandt", first_name="Ben", email="ben@beispiel.de")
    RegistrationFactory(
        event=event, last_name="Claßen", first_name="Clara", organisation_name="Müller Sensorik"
    )

    assert listed_names(registration_list(staff_client, event, q=query)) == expected


def test_list_sorts_and_marks_checked_in_people(staff_client):
    event = EventFactory()
    RegistrationFactory(event=event, last_name="Albers", first_name="Anna")
    RegistrationFactory(
        event=event, last_name="Brandt", first_name="Ben", attended_at=timezone.now()
    )

    descending = registration_list(staff_client, event, sort="-name")
    assert listed_names(descending) == ["Brandt, Ben", "Albers, Anna"]
    checked_in = registration_list(staff_client, event, checked_in="yes")
    assert listed_names(checked_in) == ["Brandt, Ben"]
    assert "✓" in checked_in.content.decode()


def test_list_only_shows_the_events_registrations(staff_client):
    event = EventFactory()
    RegistrationFactory(event=event, last_name="Albers", first_name="Anna")
    RegistrationFactory(last_name="Fremd", first_name="Frida")  # another event

    assert listed_names(registration_list(staff_client, event)) == ["Albers, Anna"]


def test_list_query_count_does_not_grow_with_rows(
    client_for, role_users, django_assert_max_num_queries
):
    manager = role_users["network_manager"]
    event = EventFactory(organiser=manager.network)
    client = client_for(manager)
    lead = RegistrationFactory(event=event)
    RegistrationFactory.create_batch(3, event=event, registered_by=lead)
    registration_list(client, event)  # warm up sessions and caches

    with django_assert_max_num_queries(10) as few:
        assert registration_list(client, event).status_code == 200
    RegistrationFactory.create_batch(40, event=event, registered_by=lead)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = registration_list(client, event, q="beispiel", sort="-registered")
    assert len(listed_names(response)) == 44


def test_board_reads_but_cannot_act(client_for, role_users):
    event = EventFactory()
    registration = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client = client_for(role_users["board"])

    html = registration_list(client, event).content.decode()
    assert "registration_action" not in html and "/reject/" not in html
    url = reverse("events:registration_action", kwargs={"pk": registration.pk, "action": "reject"})
    assert client.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITING


# --- exports ----------------------------------------------------------------------------

NASTY_CELLS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1:A2)"]


def export(client, event, fmt, **query):
    url = reverse("events:registration_export", kwargs={"pk": event.pk, "fmt": fmt})
    return client.get(url, query)


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_csv_export_escapes_formulas(staff_client, value):
    event = EventFactory()
    RegistrationFactory(event=event, last_name=value, organisation_name=value, remarks="ok")

    response = export(staff_client, event, "csv")

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == f"'{value}"
    assert rows[1].count(f"'{value}") == 2
    assert "ok" in rows[1]


@pytest.mark.parametrize("value", NASTY_CELLS)
def test_xlsx_export_writes_text_cells_only(staff_client, value):
    event = EventFactory()
    RegistrationFactory(event=event, last_name=value, organisation_name=value)

    response = export(staff_client, event, "xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows())
    assert rows[1][0].value == value
    assert rows[1][0].quotePrefix
    for cell in rows[1]:
        assert cell.data_type != "f", cell.coordinate


def test_export_follows_the_filter_and_is_audited(staff_client):
    event = EventFactory()
    RegistrationFactory(event=event, last_name="Albers")
    RegistrationFactory(event=event, last_name="Brandt", status=RegistrationStatus.CANCELLED)

    response = export(staff_client, event, "csv", status="cancelled")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Brandt"]
    entry = AuditEntry.objects.get(action="events.registration.exported")
    assert entry.data == {"format": "csv", "rows": 1}


# --- adding and acting on registrations --------------------------------------------------


def act(client, registration, action, **data):
    url = reverse("events:registration_action", kwargs={"pk": registration.pk, "action": action})
    return english(client).post(url, data, follow=True)


def test_staff_add_a_participant_by_hand(staff_client):
    event = EventFactory()
    url = reverse("events:registration_add", kwargs={"pk": event.pk})
    data = {
        "first_name": "Jana",
        "last_name": "Telefon",
        "email": "Jana@Beispiel.de",
        "language": "de",
    }

    response = staff_client.post(url, data)

    registration = event.registrations.get()
    assert response["Location"] == reverse("events:registration_list", kwargs={"pk": event.pk})
    assert (registration.email, registration.status) == ("jana@beispiel.de", "confirmed")
    assert registration.person is not None  # linked into the registry

    again = english(staff_client).post(url, data)
    assert "already registered" in again.content.decode()
    assert event.registrations.count() == 1


def test_adding_to_a_full_event_uses_the_waiting_list(staff_client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    url = reverse("events:registration_add", kwargs={"pk": event.pk})

    staff_client.post(
        url, {"first_name": "W", "last_name": "Arte", "email": "w@beispiel.de", "language": "de"}
    )

    assert event.registrations.get(email="w@beispiel.de").status == RegistrationStatus.WAITING


def test_cancelling_promotes_the_first_on_the_waiting_list(staff_client):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event, last_name="Albers", first_name="Anna")
    first = RegistrationFactory(
        event=event, last_name="Brandt", first_name="Ben", status=RegistrationStatus.WAITING,
        waitlisted_at=timezone.now() - timedelta(hours=2),
    )  # fmt: skip
    second = RegistrationFactory(
        event=event, last_name="Claßen", first_name="Clara", status=RegistrationStatus.WAITING,
        waitlisted_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip

    act(staff_client, holder, "cancel")

    holder.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITING
    confirmed = registration_list(staff_client, event, status="confirmed")
    assert listed_names(confirmed) == ["Brandt, Ben"]


def test_approve_and_reject_pending_registrations(staff_client):
    event = EventFactory(requires_approval=True)
    approved = RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
    declined = RegistrationFactory(event=event, status=RegistrationStatus.PENDING)

    act(staff_client, approved, "approve")
    act(staff_client, declined, "reject")

    approved.refresh_from_db()
    declined.refresh_from_db()
    assert approved.status == RegistrationStatus.CONFIRMED
    assert declined.status == RegistrationStatus.REJECTED


def test_approving_a_confirmed_registration_is_refused(staff_client):
    registration = RegistrationFactory()

    response = act(staff_client, registration, "approve")

    assert "Only registrations awaiting approval can be approved." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_unknown_action_is_not_found(staff_client):
    registration = RegistrationFactory()
    url = reverse("events:registration_action", kwargs={"pk": registration.pk, "action": "delete"})

    assert staff_client.post(url).status_code == 404
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_detail_offers_likely_organisations_and_links_one(staff_client):
    registry = OrganisationFactory(name="Müller Sensorik GmbH", kind=Organisation.Kind.SME)
    registration = RegistrationFactory(organisation_name="Mueller Sensorik")
    url = reverse("events:registration_detail", kwargs={"pk": registration.pk})

    html = staff_client.get(url).content.decode()
    assert "Müller Sensorik GmbH" in html
    assert reverse("partners:organisation_detail", kwargs={"pk": registry.pk}) in html

    act(staff_client, registration, "link_organisation", organisation=registry.pk)

    registration.refresh_from_db()
    assert registration.organisation == registry
    html = staff_client.get(url).content.decode()
    assert (
        'id="registry-organisation"><a href="{}"'.format(
            reverse("partners:organisation_detail", kwargs={"pk": registry.pk})
        )
        in html
    )


def test_linking_to_a_missing_organisation_changes_nothing(staff_client):
    registration = RegistrationFactory(organisation_name="Irgendwas")

    response = act(staff_client, registration, "link_organisation", organisation="99999999")

    assert "Please choose an organisation from the registry." in response.content.decode()
    registration.refresh_from_db()
    assert registration.organisation is None


def test_detail_shows_the_group_registered_together(staff_client):
    event = EventFactory()
    lead = RegistrationFactory(event=event, first_name="Lea", last_name="Leitung")
    colleague = RegistrationFactory(
        event=event, first_name="Kai", last_name="Kollege", registered_by=lead
    )

    html = staff_client.get(
        reverse("events:registration_detail", kwargs={"pk": colleague.pk})
    ).content.decode()

    assert reverse("events:registration_detail", kwargs={"pk": lead.pk}) in html
    assert "<strong>Kai Kollege</strong>" in html
