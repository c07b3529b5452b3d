"""After the event: its figures, the figures of formats, and the figures page with its tasks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.accounts.models import Role
from innonet.events.models import EventStatus, EventTask, RegistrationStatus
from innonet.events.queries import event_figures, format_figures
from innonet.partners.models import Organisation
from tests.clock import counting_queries
from tests.factories import (
    EventFactory,
    EventTaskFactory,
    FeedbackFactory,
    FormatFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    host_network,
)

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def past_event(days_ago: int = 1, **extra):
    starts = timezone.now() - timedelta(days=days_ago)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **extra)


def attend(registration, rating: int | None = None, comment: str = ""):
    registration.attended_at = registration.event.starts_at + timedelta(minutes=5)
    registration.save()
    if rating is not None:
        FeedbackFactory(registration=registration, rating=rating, comment=comment)
    return registration


@pytest.fixture
def organisations():
    return {
        # small by its figures, although filed as a start-up
        "small": OrganisationFactory(kind=Organisation.Kind.STARTUP, employees=20),
        # filed as SME without figures
        "filed_sme": OrganisationFactory(kind=Organisation.Kind.SME),
        "large": OrganisationFactory(kind=Organisation.Kind.SME, employees=900),
        "university": OrganisationFactory(kind=Organisation.Kind.UNIVERSITY),
        "public": OrganisationFactory(kind=Organisation.Kind.PUBLIC),
    }


@pytest.fixture
def constructed(organisations):
    """12 registrations: 8 confirmed, 6 of them checked in; 2 SMEs and 1 university among
    the attendees (another SME stayed away); 2 attendees came before; 4 ratings."""
    event = past_event(days_ago=1, title="Konstruierte Veranstaltung")
    earlier = past_event(days_ago=60)
    later = EventFactory()
    cancelled = past_event(days_ago=30, status=EventStatus.CANCELLED)
    regular = PersonFactory(first_name="Rita", last_name="Regular", email="rita@alt.de")

    def reg(**extra):
        return RegistrationFactory(event=event, **extra)

    attendees = [
        reg(organisation=organisations["small"], email="stammgast@beispiel.de"),
        reg(organisation=organisations["filed_sme"], person=regular, email="rita@neu.de"),
        reg(organisation=organisations["university"], email="forschung@uni.de"),
        reg(organisation=organisations["large"], email="abgesagt-frueher@beispiel.de"),
        reg(organisation=organisations["public"], email="kommt-spaeter-wieder@beispiel.de"),
        reg(email="ohne-organisation@beispiel.de"),
    ]
    for registration, rating in zip(attendees, (5, 4, 4, 2, None, None), strict=True):
        attend(registration, rating, comment="<script>alert(1)</script> Gut!" if rating else "")
    reg(organisation=organisations["filed_sme"], email="fehlt@beispiel.de")  # no-show
    reg(email="fehlt-auch@beispiel.de")  # no-show
    for status in (S.PENDING, S.WAITING, S.CANCELLED, S.UNCONFIRMED):
        reg(status=status, confirmed_at=None)

    # History: two attendees took part before (by address, and by registry link), one only
    # registered for a cancelled event, one comes again later.
    RegistrationFactory(event=earlier, email="stammgast@beispiel.de")
    RegistrationFactory(event=earlier, person=regular, email="rita@alt.de")
    RegistrationFactory(event=earlier, email="forschung@uni.de", status=S.CANCELLED)
    RegistrationFactory(event=cancelled, email="abgesagt-frueher@beispiel.de")
    RegistrationFactory(event=later, email="kommt-spaeter-wieder@beispiel.de")
    return event


def test_figures_of_a_constructed_event(constructed):
    figures = event_figures(constructed)
    assert figures.registrations == 12
    assert figures.by_status == {
        S.UNCONFIRMED: 1,
        S.PENDING: 1,
        S.CONFIRMED: 8,
        S.WAITING: 1,
        S.CANCELLED: 1,
        S.REJECTED: 0,
    }
    assert figures.confirmed == 8
    assert figures.attended == 6
    assert figures.attendance_rate == pytest.approx(0.75)
    assert figures.no_shows == 2
    assert figures.participants == 6
    assert figures.sme_participants == 2
    assert figures.research_participants == 1
    assert figures.first_time_participants == 4
    assert figures.feedback_count == 4
    assert figures.rating_average == pytest.approx(3.75)
    assert figures.rating_distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}


def test_without_check_in_the_confirmed_count_as_participants(organisations):
    event = past_event()
    RegistrationFactory(event=event, organisation=organisations["filed_sme"])
    RegistrationFactory(event=event, organisation=organisations["university"])
    RegistrationFactory(event=event, status=S.WAITING, organisation=organisations["small"])
    figures = event_figures(event)
    assert (figures.participants, figures.attended, figures.check_in_used) == (2, 0, False)
    assert figures.sme_participants == 1
    assert figures.research_participants == 1
    assert figures.first_time_participants == 2


def test_an_event_without_confirmed_registrations_has_no_attendance_rate():
    event = past_event()
    RegistrationFactory(event=event, status=S.WAITING)
    figures = event_figures(event)
    assert figures.attendance_rate is None
    assert figures.rating_average is None
    assert figures.rating_distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}


def _registrations(event, count: int, organisation) -> None:
    for number in range(count):
        registration = RegistrationFactory(event=event, organisation=organisation)
        if number % 2:
            attend(registration, rating=number % 5 + 1, comment="ok")


@pytest.mark.parametrize("count", [5, 50])
def test_event_figures_take_one_query(django_assert_num_queries, organisations, count):
    event = past_event()
    _registrations(event, count, organisations["small"])
    with django_assert_num_queries(1):
        figures = event_figures(event)
    assert figures.registrations == count


def test_event_figures_queries_do_not_grow(organisations):
    small, large = past_event(), past_event()
    _registrations(small, 5, organisations["small"])
    _registrations(large, 50, organisations["university"])
    counts = []
    for event in (small, large):
        with counting_queries() as queries:
            event_figures(event)
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Formats -----------------------------------------------------------------------------------


@pytest.fixture
def formats():
    """Format A ran twice (finished with check-in, published and over without); its future,
    cancelled and draft events do not count. Format B never ran."""
    used, unused = FormatFactory(), FormatFactory()
    finished = past_event(days_ago=40, format=used, status=EventStatus.FINISHED)
    for number in range(8):
        registration = RegistrationFactory(event=finished)
        if number < 6:
            attend(registration, rating=5 if number == 0 else (3 if number == 1 else None))
    unchecked = past_event(days_ago=10, format=used)
    for _ in range(3):
        RegistrationFactory(event=unchecked)
    RegistrationFactory(event=unchecked, status=S.WAITING)
    future = EventFactory(format=used)
    FeedbackFactory(registration=RegistrationFactory(event=future), rating=1, comment="")
    RegistrationFactory(event=past_event(format=used, status=EventStatus.CANCELLED))
    RegistrationFactory(event=past_event(format=used, status=EventStatus.DRAFT))
    return used, unused, unchecked


def test_format_figures(formats):
    used, unused, last = formats
    figures = format_figures(type(used).objects.all())
    assert set(figures) == {used.pk, unused.pk}
    assert figures[used.pk].runs == 2
    assert figures[used.pk].participants == 9
    assert figures[used.pk].rating_average == pytest.approx(4.0)
    assert figures[used.pk].rating_count == 2
    assert figures[used.pk].last_run == last.starts_at
    assert figures[unused.pk].runs == 0
    assert figures[unused.pk].participants == 0
    assert figures[unused.pk].rating_average is None


def test_format_figures_take_two_queries_however_many_events(django_assert_num_queries):
    few, many = FormatFactory(), FormatFactory()
    for fmt, runs in ((few, 1), (many, 12)):
        for _ in range(runs):
            event = past_event(format=fmt)
            _registrations(event, 3, None)
    formats = type(few).objects.all()
    with django_assert_num_queries(2):
        figures = format_figures(formats)
    assert (figures[few.pk].runs, figures[many.pk].runs) == (1, 12)
    evaluated = list(formats)
    with django_assert_num_queries(1):
        format_figures(evaluated)


# The figures page ---------------------------------------------------------------------------


def figures_url(event) -> str:
    return reverse("events:event_figures", kwargs={"pk": event.pk})


def test_the_figures_page_shows_the_numbers_chart_and_escaped_comments(staff_client, constructed):
    response = staff_client.get(figures_url(constructed))
    page = response.content.decode()
    assert response.status_code == 200
    assert "75 %" in page
    assert '<svg class="w-100"' in page and 'role="img"' in page
    assert 'width="240"' in page, "the longest bar (rating 4) is the full width"
    assert 'width="120"' in page, "half as many answers, half as long"
    assert "<desc" in page, "the chart has a text alternative"
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Gut!" in page
    assert reverse("events:event_transition", kwargs={"pk": constructed.pk}) in page
    assert 'name="status" value="finished"' in page


def test_a_finished_event_offers_no_finish_button(staff_client):
    event = past_event(status=EventStatus.FINISHED)
    page = staff_client.get(figures_url(event)).content.decode()
    assert 'value="finished"' not in page


def test_the_board_reads_the_figures_but_gets_no_forms(client_for, role_users, constructed):
    response = client_for(role_users["board"]).get(figures_url(constructed))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("events:task_add", kwargs={"pk": constructed.pk}) not in page
    assert 'value="finished"' not in page


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("network_manager", 404)])
def test_members_and_other_managers_do_not_see_the_figures(
    client_for, role_users, constructed, role, status
):
    assert client_for(role_users[role]).get(figures_url(constructed)).status_code == status


def test_the_figures_page_has_a_fixed_number_of_queries(staff_client, constructed, organisations):
    staff_client.get(figures_url(constructed))  # the first request also stores the session
    with counting_queries() as few:
        staff_client.get(figures_url(constructed))
    _registrations(constructed, 30, organisations["public"])
    for number in range(5):
        EventTaskFactory(event=constructed, title=f"Aufgabe {number}", assignee=None)
    with counting_queries() as many:
        response = staff_client.get(figures_url(constructed))
    assert "Aufgabe 4" in response.content.decode()
    assert len(many) == len(few)


# Follow-up tasks ----------------------------------------------------------------------------


def test_staff_add_a_task_for_a_staff_member(staff_client, staff_user, constructed):
    response = staff_client.post(
        reverse("events:task_add", kwargs={"pk": constructed.pk}),
        {"title": "  Fotos   verschicken ", "assignee": staff_user.pk, "due_on": "2030-01-31"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#tasks")
    task = EventTask.objects.get(event=constructed)
    assert (task.title, task.assignee, str(task.due_on)) == (
        "Fotos verschicken",
        staff_user,
        "2030-01-31",
    )
    page = staff_client.get(response["Location"]).content.decode()
    assert "Fotos verschicken" in page


@pytest.mark.parametrize(
    "data",
    [
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 201},
        {"title": "Bericht", "due_on": "31.02.2030"},
        {"title": "Bericht", "assignee": "999999"},
    ],
)
def test_a_bad_task_is_refused_with_a_message(staff_client, constructed, data):
    response = staff_client.post(reverse("events:task_add", kwargs={"pk": constructed.pk}), data)
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not EventTask.objects.exists()


def test_only_staff_can_be_assigned(staff_client, role_users, constructed):
    member = role_users["member"]
    response = staff_client.post(
        reverse("events:task_add", kwargs={"pk": constructed.pk}),
        {"title": "Bericht", "assignee": member.pk},
    )
    assert response.status_code == 400
    assert not EventTask.objects.exists()


def test_the_organising_manager_adds_and_ticks_off_tasks(client_for, constructed):
    manager = UserFactory(role=Role.NETWORK_MANAGER, network=host_network())
    client = client_for(manager)
    client.post(reverse("events:task_add", kwargs={"pk": constructed.pk}), {"title": "Bericht"})
    task = EventTask.objects.get(event=constructed)
    done = reverse("events:task_done", kwargs={"pk": task.pk})
    assert client.post(done, {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None
    client.post(done, {"done": "0"})
    task.refresh_from_db()
    assert task.done_at is None


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("network_manager", 404)])
def test_others_cannot_touch_tasks(client_for, role_users, constructed, role, status):
    task = EventTaskFactory(event=constructed, title="Bericht")
    client = client_for(role_users[role])
    done = client.post(reverse("events:task_done", kwargs={"pk": task.pk}), {"done": "1"})
    assert done.status_code == status
    add = client.post(reverse("events:task_add", kwargs={"pk": constructed.pk}), {"title": "x"})
    # Another network's manager does not see the host's event at all (no agreement).
    assert add.status_code == (404 if role == "network_manager" else 403)
    task.refresh_from_db()
    assert task.done_at is None
    assert EventTask.objects.count() == 1


def test_the_finish_button_finishes_the_event(staff_client, constructed):
    """The button posts what the status view expects: the event ends up finished."""
    url = reverse("events:event_transition", kwargs={"pk": constructed.pk})
    assert f'action="{url}"' in staff_client.get(figures_url(constructed)).content.decode()
    staff_client.post(url, {"status": "finished"})
    constructed.refresh_from_db()
    assert constructed.status == EventStatus.FINISHED
    assert 'value="finished"' not in staff_client.get(figures_url(constructed)).content.decode()
