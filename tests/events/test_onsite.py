"""The day of the event: check-in on a phone, the participant list and name badges as PDF."""

import shutil
import subprocess
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from innonet.accounts.models import Role
from innonet.events import pdf
from innonet.events.models import EventStatus, Registration, RegistrationStatus
from tests.clock import counting_queries
from tests.factories import (
    EventFactory,
    NetworkFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
    host_network,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    """An event that began an hour ago, with two confirmed guests and one waiting."""
    now = timezone.now()
    return EventFactory(
        title="Agrarsensorik am Morgen",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
    )


@pytest.fixture
def anna(event):
    return RegistrationFactory(
        event=event, first_name="Anna", last_name="Apfel", organisation_name="Apfelhof GmbH"
    )


@pytest.fixture
def bernd(event):
    return RegistrationFactory(
        event=event, first_name="Bernd", last_name="Birne", organisation_name="Hochschule Nord"
    )


@pytest.fixture
def walter(event):
    return RegistrationFactory(
        event=event,
        first_name="Walter",
        last_name="Warteliste",
        status=RegistrationStatus.WAITING,
        confirmed_at=None,
        waitlisted_at=timezone.now(),
    )


@pytest.fixture
def guests(anna, bernd, walter):
    return anna, bernd, walter


@pytest.fixture
def host_manager():
    """A manager of the network that organises the event."""
    return UserFactory(role=Role.NETWORK_MANAGER, network=host_network())


def checkin_url(event, **params):
    url = reverse("events:checkin", kwargs={"pk": event.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def toggle(client, registration, action="in", **extra):
    url = reverse("events:checkin_toggle", kwargs={"pk": registration.pk})
    return client.post(url, {"action": action, **extra.pop("data", {})}, **extra)


def in_german(message: str) -> str:
    with translation.override("de"):
        return escape(translation.gettext(message))


# The check-in page ---------------------------------------------------------------------------


def test_the_page_lists_confirmed_guests_with_counters_and_no_shows(staff_client, event, guests):
    response = staff_client.get(checkin_url(event))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Apfel" in page and "Birne" in page
    assert "Warteliste" not in page, "only confirmed registrations are offered"
    assert "0 / 2" in page
    assert 'id="checkin-counts"' in page
    assert page.count('name="action" value="in"') == 2
    assert response["Cache-Control"] == "no-store, private"


def test_no_shows_appear_only_once_the_event_has_begun(staff_client, event, anna):
    event.starts_at = timezone.now() + timedelta(days=1)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    before = staff_client.get(checkin_url(event)).content.decode()
    event.starts_at = timezone.now() - timedelta(minutes=5)
    event.save()
    after = staff_client.get(checkin_url(event)).content.decode()
    assert "text-bg-warning" not in before
    assert "text-bg-warning" in after and "border-warning" in after


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [("apfel", "Anna", "Bernd"), ("hochschule", "Bernd", "Anna"), ("BIRNE nord", "Bernd", "Anna")],
)
def test_search_filters_by_name_and_organisation(staff_client, event, guests, query, shown, hidden):
    # Only the results part: the signed-in user's own (random) name is in the page header.
    response = staff_client.get(checkin_url(event, q=query), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert shown in page
    assert hidden not in page


def test_htmx_search_returns_only_the_results(staff_client, event, guests):
    response = staff_client.get(checkin_url(event, q="apfel"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and '<form method="get"' not in page
    assert f'id="checkin-row-{guests[0].pk}"' in page
    assert "Birne" not in page
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(staff_client, event, guests):
    response = staff_client.get(
        checkin_url(event), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_only_those_not_checked_in(staff_client, staff_user, event, anna, bernd):
    toggle(staff_client, anna)
    page = staff_client.get(checkin_url(event, show="missing")).content.decode()
    assert f'id="checkin-row-{bernd.pk}"' in page
    assert f'id="checkin-row-{anna.pk}"' not in page


def test_a_search_without_hits_says_so_and_escapes_the_query(staff_client, event, guests):
    page = staff_client.get(checkin_url(event, q="<script>x")).content.decode()
    assert "<script>x" not in page
    assert "&lt;script&gt;x" in page


# Checking in -----------------------------------------------------------------------------


def test_check_in_without_javascript_returns_to_the_search(staff_client, staff_user, anna):
    response = toggle(staff_client, anna, data={"q": "apfel"})
    anna.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == checkin_url(anna.event, q="apfel") + f"#checkin-row-{anna.pk}"
    assert anna.attended_at is not None
    assert anna.checked_in_by == staff_user
    page = staff_client.get(response["Location"]).content.decode()
    assert "1 / 1" in page
    assert 'name="action" value="undo"' in page


def test_undo_clears_the_check_in(staff_client, anna):
    toggle(staff_client, anna)
    response = toggle(staff_client, anna, "undo")
    anna.refresh_from_db()
    assert response.status_code == 302
    assert anna.attended_at is None and anna.checked_in_by is None


def test_a_double_tap_does_not_undo(staff_client, anna):
    toggle(staff_client, anna)
    first = anna.__class__.objects.get(pk=anna.pk).attended_at
    toggle(staff_client, anna)
    anna.refresh_from_db()
    assert anna.attended_at == first


def test_htmx_toggle_swaps_the_row_and_the_counters(staff_client, anna, bernd):
    response = toggle(staff_client, anna, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<li id="checkin-row-{anna.pk}"')
    assert 'name="action" value="undo"' in page
    assert 'hx-swap-oob="true"' in page and "1 / 2" in page


def test_a_waiting_list_guest_cannot_be_checked_in(staff_client, walter):
    response = toggle(staff_client, walter, follow=True)
    walter.refresh_from_db()
    assert walter.attended_at is None
    assert in_german("Only confirmed participants can be checked in.") in response.content.decode()


def test_a_waiting_list_guest_is_refused_in_the_htmx_row_too(staff_client, walter):
    response = toggle(staff_client, walter, HTTP_HX_REQUEST="true")
    walter.refresh_from_db()
    assert walter.attended_at is None
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("action", ["", "toggle", "<script>", "in\r\nX: y"])
def test_an_unknown_action_changes_nothing(staff_client, anna, action):
    response = toggle(staff_client, anna, action)
    anna.refresh_from_db()
    assert response.status_code == 400
    assert anna.attended_at is None


def test_the_toggle_takes_posts_only(staff_client, anna):
    url = reverse("events:checkin_toggle", kwargs={"pk": anna.pk})
    assert staff_client.get(url, {"action": "in"}).status_code == 405
    anna.refresh_from_db()
    assert anna.attended_at is None


# Who may check in ------------------------------------------------------------------------


def test_the_organising_networks_manager_checks_in(client_for, host_manager, event, anna):
    client = client_for(host_manager)
    assert client.get(checkin_url(event)).status_code == 200
    assert toggle(client, anna).status_code == 302
    anna.refresh_from_db()
    assert anna.checked_in_by == host_manager


def test_a_co_organising_networks_manager_checks_in(client_for, role_users, event, anna):
    manager = role_users["network_manager"]
    event.co_organisers.add(manager.network)
    assert toggle(client_for(manager), anna).status_code == 302
    anna.refresh_from_db()
    assert anna.attended_at is not None


@pytest.mark.parametrize(
    ("role", "page", "post"),
    [
        ("member", 403, 403),
        ("member_b", 403, 403),
        ("board", 403, 403),
        ("network_manager", 404, 404),  # the host's event is not shared with its network
    ],
)
def test_others_cannot_check_in(client_for, role_users, event, anna, role, page, post):
    client = client_for(role_users[role])
    assert client.get(checkin_url(event)).status_code == page
    assert toggle(client, anna).status_code == post
    anna.refresh_from_db()
    assert anna.attended_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, event, anna):
    response = toggle(client, anna)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    anna.refresh_from_db()
    assert anna.attended_at is None


def test_another_networks_draft_is_not_found(client_for, role_users):
    draft = EventFactory(status=EventStatus.DRAFT, organiser=NetworkFactory())
    client = client_for(role_users["network_manager"])
    assert client.get(checkin_url(draft)).status_code == 404


def test_a_manager_never_reaches_another_events_guest_through_its_own_event(
    client_for, role_users, anna
):
    """The toggle checks the registration's own event, whatever page the form came from."""
    manager = role_users["network_manager"]
    EventFactory(organiser=manager.network)  # the manager runs some other event
    assert toggle(client_for(manager), anna).status_code == 404


# PDFs ------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text of a PDF via pdftotext when installed; otherwise an empty string."""
    tool = shutil.which("pdftotext")
    if not tool:
        return ""
    result = subprocess.run(
        [tool, "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def assert_pdf_attachment(response, *names: str, absent: tuple[str, ...] = ()) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert "no-store" in response["Cache-Control"]
    content = response.content
    assert content.startswith(b"%PDF") and len(content) > 1000
    text = pdf_text(content)
    if text:
        for name in names:
            assert name in text, name
        for name in absent:
            assert name not in text, name
    return text


def test_participant_list_pdf(staff_client, event, guests):
    toggle(staff_client, guests[0])
    response = staff_client.get(reverse("events:participant_list_pdf", kwargs={"pk": event.pk}))
    text = assert_pdf_attachment(
        response,
        "Apfel, Anna",
        "Birne, Bernd",
        "Apfelhof GmbH",
        event.title,
        absent=("Warteliste",),
    )
    if text:
        assert "✓" in text, "the checked-in guest carries a mark"
        assert "1 / 1" in text.replace("Seite", "").replace("Page", ""), "page numbers"


def test_badges_pdf(staff_client, event, guests):
    response = staff_client.get(reverse("events:badges_pdf", kwargs={"pk": event.pk}))
    assert_pdf_attachment(response, "Anna", "Apfel", "Hochschule Nord", absent=("Walter",))


def test_badges_fill_eight_to_a_page(staff_client, event):
    for number in range(9):
        RegistrationFactory(event=event, first_name=f"Gast{number}")
    content = staff_client.get(reverse("events:badges_pdf", kwargs={"pk": event.pk})).content
    if tool := shutil.which("pdfinfo"):
        info = subprocess.run([tool, "-"], input=content, capture_output=True, check=True)
        assert b"Pages:           2" in info.stdout


NAME_FIELDS = ("first_name", "last_name", "organisation_name")


@pytest.mark.parametrize("view", ["events:participant_list_pdf", "events:badges_pdf"])
def test_very_long_names_do_not_break_the_pdfs(staff_client, event, view):
    """Names as long as the fields allow (80 + 80 characters, no spaces to break at) and a
    200-character organisation wrap or shrink inside their cells and badges."""
    fields = {name: Registration._meta.get_field(name).max_length for name in NAME_FIELDS}
    RegistrationFactory(
        event=event,
        first_name=("Maximiliane" * 10)[: fields["first_name"]],
        last_name="X" * fields["last_name"],
        organisation_name=("Forschungsgesellschaft " * 10)[: fields["organisation_name"]],
    )
    response = staff_client.get(reverse(view, kwargs={"pk": event.pk}))
    assert_pdf_attachment(response, "Maximiliane")


def test_pdfs_of_an_event_without_guests(staff_client, event):
    for view in ("events:participant_list_pdf", "events:badges_pdf"):
        assert_pdf_attachment(staff_client.get(reverse(view, kwargs={"pk": event.pk})))


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("member_b", 403), ("network_manager", 404), ("board", 200)],
)
def test_who_gets_the_pdfs(client_for, role_users, event, anna, role, status):
    client = client_for(role_users[role])
    for view in ("events:participant_list_pdf", "events:badges_pdf"):
        assert client.get(reverse(view, kwargs={"pk": event.pk})).status_code == status


def test_printing_the_list_is_audited(staff_client, staff_user, event, anna):
    from innonet.core.models import AuditEntry

    staff_client.get(reverse("events:participant_list_pdf", kwargs={"pk": event.pk}))
    entry = AuditEntry.objects.get(action="events.participant_list.printed")
    assert entry.actor == staff_user


@pytest.fixture
def counting_server():
    """A local web server that counts the requests it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_the_pdf_renderer_fetches_nothing_from_outside(counting_server):
    from weasyprint import HTML

    base, hits = counting_server
    html = (
        f'<link rel="stylesheet" href="{base}/style.css">'
        f'<img src="{base}/logo.png"><p style="background: url({base}/bg.png)">Hallo</p>'
    )
    content = HTML(string=html, base_url=None, url_fetcher=pdf.local_only_fetcher()).write_pdf()
    assert content.startswith(b"%PDF")
    assert hits == []


def test_the_check_in_page_costs_the_same_for_few_and_many_guests(staff_client, event, anna):

    staff_client.get(checkin_url(event))  # the first request also stores the session
    with counting_queries() as few:
        staff_client.get(checkin_url(event))
    for _ in range(30):
        RegistrationFactory(event=event, organisation=OrganisationFactory())
    with counting_queries() as many:
        response = staff_client.get(checkin_url(event))
    assert response.content.decode().count('name="action"') == 31
    assert len(many) == len(few)
