"""The office's start page lists its open work: each kind with a count, the first entries as
links to where the work is done, and an empty state. Its queries do not grow with the work."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from innonet.core.models import MailStatus
from innonet.events.models import RegistrationStatus
from innonet.matching.models import (
    InterestRequestStatus,
    ProfileResponseStatus,
    Visibility,
)
from innonet.partners.models import ContactRequestStatus, ImportJob
from innonet.reporting.queries import OPEN_WORK_SHOWN, open_work
from tests.factories import (
    ContactRequestFactory,
    EventFactory,
    EventTaskFactory,
    ImportJobFactory,
    InteractionFactory,
    OrganisationFactory,
    OutgoingMailFactory,
    RegistrationFactory,
)
from tests.matching.factories import (
    InterestRequestFactory,
    ProfileFactory,
    ProfileResponseFactory,
)
from tests.projects.factories import CallDeadlineFactory

pytestmark = pytest.mark.django_db
HOME = reverse("reporting:home")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def fill(staff, n: int) -> None:
    """n entries of every kind of open work, plus some that are not open work."""
    now, today = timezone.now(), timezone.localdate()
    for i in range(n):
        InterestRequestFactory(topic=f"Anfrage {i}")
        event = EventFactory(title=f"Werkstatt {i}")
        RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
        RegistrationFactory(event=event, status=RegistrationStatus.PENDING)
        InteractionFactory(topic=f"Rückruf {i}", staff=staff, follow_up_on=today)
        ImportJobFactory(
            filename=f"liste{i}.csv", status=ImportJob.Status.DONE, finished_at=now, error_count=i
        )
        CallDeadlineFactory(label=f"Skizze {i}", due_at=now + timedelta(days=10))
        ProfileFactory(title=f"Profil {i}", valid_until=today + timedelta(days=3))
        EventTaskFactory(title=f"Raum {i}", assignee=staff, event=event)
        OutgoingMailFactory(subject=f"Einladung {i}", status=MailStatus.FAILED, attempts=1)
        ContactRequestFactory(organisation=OrganisationFactory(name=f"Gefragt {i}"))
        ProfileResponseFactory(profile=ProfileFactory(title=f"Offen für Antworten {i}"))
    # Not open work: handled, other staff's, long ago, far ahead.
    InterestRequestFactory(topic="Erledigt", status=InterestRequestStatus.CLOSED)
    InteractionFactory(topic="Später", staff=staff, follow_up_on=today + timedelta(days=30))
    ImportJobFactory(
        filename="alt.csv", status=ImportJob.Status.DONE, finished_at=now - timedelta(days=30)
    )
    ProfileFactory(title="Lange gültig", valid_until=today + timedelta(days=200))
    ContactRequestFactory(
        organisation=OrganisationFactory(name="Längst verbunden"),
        status=ContactRequestStatus.DONE,
    )
    ProfileResponseFactory(name="Schon beantwortet", status=ProfileResponseStatus.DONE)
    OutgoingMailFactory(subject="Längst versandt", status=MailStatus.SENT, attempts=1)
    OutgoingMailFactory(subject="Wartet auf den ersten Versuch")


def test_each_section_counts_and_links(staff_client, staff_user):
    fill(staff_user, 2)
    work = open_work(staff_user)
    assert {key: section.count for key, section in work.items()} == {
        "requests": 2, "contacts": 2, "answers": 2, "approvals": 2, "follow_ups": 2,
        "imports": 2, "deadlines": 2, "profiles": 2, "event_tasks": 2, "mails": 2,
    }  # fmt: skip
    assert work["approvals"].items[0].pending == 2
    page = staff_client.get(HOME).content.decode()
    request = work["requests"].items[0]
    assert f"{reverse('matching:introduction_create')}?request={request.pk}" in page
    event = work["approvals"].items[0]
    assert f"{reverse('events:registration_list', args=[event.pk])}?status=pending" in page
    job = work["imports"].items[0]
    assert reverse("partners:import_detail", args=[job.pk]) in page
    assert "1 error" in page
    profile = work["profiles"].items[0]
    assert reverse("matching:profile_detail", args=[profile.pk]) in page
    task = work["event_tasks"].items[0]
    assert reverse("events:event_figures", args=[task.event_id]) in page
    assert reverse("projects:call_detail", args=[work["deadlines"].items[0].call_id]) in page
    assert f"{reverse('partners:contact_request_list')}#contact-" in page
    assert reverse("core:outbox_detail", args=[work["mails"].items[0].pk]) in page
    assert f"{reverse('core:outbox_list')}?status=failed" in page
    assert f"{reverse('matching:profile_response_list')}#answer-" in page
    for absent in ("Erledigt", "Später", "alt.csv", "Lange gültig", "Längst verbunden",
                   "Schon beantwortet"):  # fmt: skip
        assert absent not in page


def test_others_follow_ups_and_tasks_are_not_mine(staff_client, staff_user, board_user):
    InteractionFactory(topic="Fremder Rückruf", staff=board_user, follow_up_on=timezone.localdate())
    EventTaskFactory(title="Fremde Aufgabe", assignee=board_user)
    page = staff_client.get(HOME).content.decode()
    assert "Fremder Rückruf" not in page
    assert "Fremde Aufgabe" not in page


def test_empty_states(staff_client):
    page = staff_client.get(HOME).content.decode()
    for text in (
        "No open requests.",
        "No open contact requests.",
        "No open answers.",
        "No registrations await approval.",
        "No follow-ups due this week.",
        "No imports finished this week.",
        "No call deadlines in the next four weeks.",
        "No profiles expire in the next two weeks.",
        "No open event tasks.",
        "Every e-mail went out.",
    ):
        assert text in page


def test_sections_show_a_few_and_count_all(staff_user):
    fill(staff_user, OPEN_WORK_SHOWN + 2)
    work = open_work(staff_user)
    for section in work.values():
        assert len(section.items) == OPEN_WORK_SHOWN
        assert section.count == OPEN_WORK_SHOWN + 2


def test_query_count_does_not_grow_with_the_work(
    staff_client, staff_user, django_assert_max_num_queries
):
    fill(staff_user, 1)
    # The start page also shows news, articles, the newsletter and the outbox: about 62.
    with django_assert_max_num_queries(70) as few:
        staff_client.get(HOME)
    counted = len(few.captured_queries)
    fill(staff_user, 6)
    with django_assert_max_num_queries(counted):
        staff_client.get(HOME)


def test_a_members_request_reaches_the_office_without_an_office_address(
    client_for, role_users, settings
):
    settings.OFFICE_EMAIL = ""
    member = role_users["member"]
    profile = ProfileFactory(
        organisation=role_users["member_b"].organisation,
        visibility=Visibility.PUBLIC,
        title="Sensorik gesucht",
    )
    client_for(member).post(reverse("matching:introduction_request", args=[profile.pk]))
    page = client_for(role_users["staff"]).get(HOME).content.decode()
    assert escape(member.organisation.name) in page  # "GmbH & Co. KG" is escaped in HTML
    assert "Sensorik gesucht" in page
