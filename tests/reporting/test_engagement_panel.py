"""The engagement panel on the organisation page: hand-counted activity per kind and quarter,
the trend and the last contact; shown to staff and the board only, with a query count that
does not grow with the activity; merged duplicates count once; erased people never show."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from innonet.core import panels
from innonet.partners.services import organisation_merge, person_erase
from innonet.reporting.engagement.queries import organisation_assessment
from tests.clock import counting_queries
from tests.factories import AffiliationFactory, PersonFactory, host_network

from .engagement_world import (
    TODAY,
    attended,
    contact,
    contact_request,
    event,
    interest_request,
    introduction,
    member,
    project_step,
    published_profile,
    still_today,  # noqa: F401 - the fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_today")]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def detail(organisation) -> str:
    return reverse("partners:organisation_detail", args=[organisation.pk])


def panel_of(response) -> str:
    """The engagement panel's HTML in the page, or "" when it is not there."""
    page = response.content.decode()
    start = page.find('aria-labelledby="engagement-heading"')
    if start == -1:
        return ""
    return page[start : page.index("</section>", start)]


@pytest.fixture
def alpha():
    """A partner with one activity of every kind, counted by hand per quarter:
    q0 2024-06-16.. 1 project step | q1 2024-09-16.. 1 event | q2 2024-12-16.. a visit, a
    contact request and a published profile (3) | q3 2025-03-16.. 1 interest request ||
    q4 2025-06-16.. 1 introduction | q5 2025-09-16.. 1 project step | q6 2025-12-16.. 1 call |
    q7 2026-03-16..2026-06-15 1 event (two people came). Previous 12 months 6, last 12: 4."""
    organisation = member("Alpha Sensorik GmbH")
    beta = member("Beta Agrar eG")
    workshop = event("Werkstatt Bodenfeuchte", date(2026, 5, 20))
    attended(organisation, workshop)
    attended(organisation, workshop)
    attended(organisation, event("Feldtag Sensorik", date(2024, 10, 1)))
    # Registered but not checked in: no activity.
    attended(organisation, event("Nicht besucht", date(2026, 4, 1)), attended_at=None)
    contact(organisation, date(2026, 2, 10), "call")
    contact(organisation, date(2025, 1, 20), "visit")
    contact(organisation, date(2024, 5, 1), "mail")  # before the two years
    introduction(organisation, beta, date(2025, 7, 1))
    # Sending an introduction also logs a contact of kind "introduction" that day: same thing.
    contact(organisation, date(2025, 7, 1), "introduction")
    project = project_step(organisation, "Feldversuch Bodenfeuchte", date(2024, 8, 1), "idea")
    project_step(organisation, project, date(2025, 11, 3), "sounding")
    interest_request(organisation, date(2025, 3, 20))
    contact_request(organisation, date(2025, 3, 1))
    published_profile(organisation, date(2024, 12, 20))
    return organisation


def test_counts_trend_and_last_contact_by_hand(alpha):
    assessment = organisation_assessment(alpha, TODAY)
    engagement = assessment.engagement
    assert engagement.quarters == [1, 1, 3, 1, 1, 1, 1, 1]
    assert (engagement.recent, engagement.previous) == (4, 6)
    assert engagement.trend == "down"  # 4 is less than 3/4 of 6
    by_kind = {row["kind"]: (row["recent"], row["previous"]) for row in engagement.kind_rows()}
    assert by_kind == {
        "event": (1, 1),
        "contact": (1, 1),
        "introduction": (1, 0),
        "project": (1, 1),
        "request": (0, 2),
        "profile": (0, 1),
    }
    assert engagement.last.day == date(2026, 5, 20)
    assert engagement.last.kind == "event"
    assert engagement.last.label == "Werkstatt Bodenfeuchte"
    assert assessment.member_since == date(2020, 1, 1)
    assert assessment.reasons == []  # active in May, 4 of 6 is no clear drop, no follow-up


def test_the_panel_shows_the_figures_to_staff_and_board(alpha, client_for, role_users):
    for role in ("staff", "board"):
        panel = panel_of(client_for(role_users[role]).get(detail(alpha)))
        assert "<h2" in panel and ">Engagement</h2>" in panel
        assert "Werkstatt Bodenfeuchte" in panel and "event attended" in panel
        assert 'role="img"' in panel and "<title" in panel
        assert "oldest first: 1, 1, 3, 1, 1, 1, 1, 1</title>" in panel
        assert "falling" in panel
        assert "4 in the last 12 months, 6 in the 12 before" in panel
        # The data table beside the chart: a row per kind and the totals.
        assert '<th scope="row" class="fw-normal">Introductions made</th>' in panel
        assert '<td class="text-end">4</td><td class="text-end">6</td>' in panel
        assert '<time datetime="2026-05-20">' in panel


def test_other_roles_see_no_panel(alpha, client_for, role_users):
    own_member = role_users["member"]
    own_member.organisation = alpha
    own_member.save()
    response = client_for(own_member).get(detail(alpha))
    assert response.status_code == 200
    assert panel_of(response) == "" and "Werkstatt Bodenfeuchte" not in response.content.decode()
    manager = role_users["network_manager"]
    manager.network = host_network()
    manager.save()
    response = client_for(manager).get(detail(alpha))
    assert response.status_code == 200 and panel_of(response) == ""
    for role in ("member", "member_b", "network_manager"):
        assert panels.panels_for(role_users[role], alpha) == []


def test_an_organisation_without_activity_says_so(staff_client):
    quiet = member("Stille Werke KG")
    panel = panel_of(staff_client.get(detail(quiet)))
    assert "No activity recorded." in panel
    assert "Needs attention" in panel  # an active member since 2020 with nothing at all


def _count(client, url: str) -> int:
    client.get(url)  # warm up: session and cache lookups of a first request
    with counting_queries() as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_panel_queries_do_not_grow_with_the_activity(staff_client):
    small, large = member("Klein GmbH"), member("Groß AG")
    other = member("Partner eG")
    attended(small, event("Einzeltermin", date(2026, 1, 5)))
    contact(small, date(2026, 2, 1))
    for index in range(12):
        day = date(2025, 1 + index % 12, 1 + index)
        the_event = event(f"Reihe {index}", day)
        for _person in range(3):
            attended(large, the_event)
        contact(large, day, "visit")
        introduction(large, other, day)
        project_step(large, f"Projekt {index}", day)
        interest_request(large, day)
        published_profile(large, day, title=f"Angebot {index}")
    assert _count(staff_client, detail(small)) == _count(staff_client, detail(large))


def test_merged_duplicates_count_their_activity_once(staff_user):
    keep = member("Hasetal Sensorik GmbH")
    duplicate = member("Hasetal Sensorik")
    workshop = event("Werkstatt LoRaWAN", date(2026, 3, 20))
    attended(keep, workshop)
    attended(duplicate, workshop)  # the same event, recorded under the duplicate
    contact(duplicate, date(2026, 1, 12), "visit")
    survivor = organisation_merge(keep, duplicate, field_choices={}, acting_user=staff_user)
    engagement = organisation_assessment(survivor, TODAY).engagement
    by_kind = {row["kind"]: row["recent"] for row in engagement.kind_rows()}
    assert by_kind["event"] == 1 and by_kind["contact"] == 1
    assert engagement.recent == 2


def test_erased_people_do_not_show(alpha, staff_client, staff_user):
    person = PersonFactory(first_name="Hannelore", last_name="Quastenberg", email="hq@alpha.de")
    AffiliationFactory(person=person, organisation=alpha)
    workshop = event("Sprechstunde Förderung", date(2026, 6, 2))
    attended(alpha, workshop, person=person, first_name="Hannelore", last_name="Quastenberg")
    contact(alpha, date(2026, 6, 3), "call", person=person, topic="Rückruf Hannelore Quastenberg")
    before = panel_of(staff_client.get(detail(alpha)))
    assert "Quastenberg" not in before and "Hannelore" not in before
    counts = organisation_assessment(alpha, TODAY).engagement.quarters
    person_erase(person, reason="Antrag per E-Mail", acting_user=staff_user)
    after = panel_of(staff_client.get(detail(alpha)))
    assert "Quastenberg" not in after and "Hannelore" not in after
    assert organisation_assessment(alpha, TODAY).engagement.quarters == counts  # counts stay
    assert "call" in after  # the last contact: what it was, not with whom


def test_a_panel_shows_only_to_its_roles_on_records_the_user_may_see(
    role_users, client_for, settings
):
    organisation = role_users["member"].organisation
    panel = panels.register(
        "partners.Organisation",
        template_name="reporting/engagement_trend.html",
        context=lambda user, record: {"trend": "up", "label": f"Probe {record.name}"},
        roles=("member",),
        order=1,
    )
    try:
        assert panels.panels_for(role_users["member"], organisation) == [panel]
        assert panels.panels_for(role_users["member_b"], organisation) == []  # not its record
        assert panel not in panels.panels_for(role_users["staff"], organisation)
        page = client_for(role_users["member"]).get(detail(organisation)).content.decode()
        assert escape(f"Probe {organisation.name}") in page  # names may hold "&"
    finally:
        panels.unregister(panel)
    assert panels.panels_for(role_users["member"], organisation) == []
    with pytest.raises(ValueError, match="unknown roles"):
        panels.register("partners.organisation", template_name="x", context=dict, roles=["x"])
