"""Partners needing attention: active members that went quiet, dropped clearly or wait for an
overdue follow-up, each with why; filters, sorting, pages, export, links from the menus, and a
query count that does not grow with the rows."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from innonet.core.models import AuditEntry
from innonet.partners.models import Organisation
from innonet.reporting.engagement.queries import attention_list
from tests.clock import counting_queries
from tests.factories import DistrictFactory, NetworkFactory

from .engagement_world import (
    TODAY,
    attended,
    contact,
    event,
    member,
    still_today,  # noqa: F401 - the fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_today")]
URL = reverse("reporting:attention")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def partners():
    """Seven active members and one former one; the cut-off of six quiet months is 2025-12-15."""
    sector = NetworkFactory(name="Netz Ernährung")
    district = DistrictFactory(name="Testkreis Hasetal")
    quiet = member("Quiet GmbH", district=district)
    contact(quiet, date(2025, 10, 1))  # in the last 12 months, but over six months ago
    drop = member("Drop AG")
    for month in (8, 10, 12):
        contact(drop, date(2024, month, 5))
    contact(drop, date(2025, 5, 5))
    contact(drop, date(2026, 5, 1))  # 1 after 4: less than half
    overdue = member("Overdue KG", kind=Organisation.Kind.UNIVERSITY)
    contact(overdue, date(2025, 1, 10))
    contact(overdue, date(2026, 6, 1), follow_up_on=date(2026, 6, 10))
    done = member("Erledigt eG")
    contact(done, date(2025, 2, 10))
    contact(done, date(2026, 6, 1), follow_up_on=date(2026, 6, 10), follow_up_done=True)
    busy = member("Busy eG")
    for day in (date(2025, 3, 1), date(2026, 3, 1)):
        attended(busy, event(f"Treffen {day.year}", day))
    ended = member("Ended e.V.", ended=date(2026, 1, 1))  # nothing ever, but no member today
    newbie = member("Newbie GmbH", since=date(2026, 3, 1))  # a member for three months only
    never = member("Never GmbH")
    old = member("Old Times AG", network=sector)  # active in the sector network only
    contact(old, date(2023, 1, 5))  # before the two years the figures cover
    return {
        "quiet": quiet,
        "drop": drop,
        "overdue": overdue,
        "done": done,
        "busy": busy,
        "ended": ended,
        "newbie": newbie,
        "never": never,
        "old": old,
        "sector": sector,
        "district": district,
    }


def names(rows) -> list[str]:
    return [row.name for row in rows]


def test_who_is_listed_and_why(partners):
    rows = {row.name: row for row in attention_list(today=TODAY)}
    assert sorted(rows) == ["Drop AG", "Never GmbH", "Old Times AG", "Overdue KG", "Quiet GmbH"]
    assert rows["Quiet GmbH"].assessment.reasons == ["quiet"]
    assert rows["Quiet GmbH"].assessment.explanations() == [
        "No activity for 6 months (last on 10/01/2025)."
    ]
    assert rows["Drop AG"].assessment.reasons == ["drop"]
    assert rows["Drop AG"].assessment.explanations() == [
        "1 activity in the last 12 months after 4 in the 12 months before."
    ]
    assert rows["Overdue KG"].assessment.reasons == ["overdue"]
    assert rows["Overdue KG"].assessment.explanations() == ["1 follow-up overdue since 06/10/2026."]
    assert rows["Never GmbH"].assessment.explanations() == ["No activity recorded."]
    assert rows["Never GmbH"].engagement.last is None
    # Quiet beyond the two years: the latest activity is still found.
    assert rows["Old Times AG"].engagement.last.day == date(2023, 1, 5)
    assert rows["Old Times AG"].assessment.reasons == ["quiet"]


def test_filters(partners):
    assert names(attention_list(today=TODAY, reason="drop")) == ["Drop AG"]
    assert names(attention_list(today=TODAY, network=partners["sector"])) == ["Old Times AG"]
    assert "Old Times AG" not in names(
        attention_list(today=TODAY, network=partners["busy"].memberships.get().network)
    )
    assert names(attention_list(today=TODAY, district=partners["district"])) == ["Quiet GmbH"]
    assert names(attention_list(today=TODAY, kind=Organisation.Kind.UNIVERSITY)) == ["Overdue KG"]
    # Quiet for twelve months: October 2025 is recent enough.
    twelve = attention_list(today=TODAY, months=12, reason="quiet")
    assert names(twelve) == ["Never GmbH", "Old Times AG"]


def test_sorting(partners):
    by_last = names(attention_list(today=TODAY))
    assert by_last == ["Never GmbH", "Old Times AG", "Quiet GmbH", "Drop AG", "Overdue KG"]
    assert names(attention_list(today=TODAY, sort="-last")) == by_last[::-1]
    assert names(attention_list(today=TODAY, sort="name")) == sorted(by_last)
    by_previous = names(attention_list(today=TODAY, sort="-previous"))
    assert by_previous[0] == "Drop AG"  # 4 in the 12 months before; the others 0 or 1


def test_the_page_explains_each_row(partners, staff_client):
    response = staff_client.get(URL, {"sort": "name"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page and "Partners needing attention" in page
    assert "5 partners need attention" in page
    assert page.index("Drop AG") < page.index("Never GmbH") < page.index("Quiet GmbH")
    assert "No activity for 6 months (last on 10/01/2025)." in page
    assert reverse("partners:organisation_detail", args=[partners["drop"].pk]) in page
    assert 'role="img"' in page and "<title" in page
    assert "Ended e.V." not in page and "Newbie GmbH" not in page and "Busy eG" not in page


def test_a_bad_filter_shows_its_error_and_the_defaults(partners, staff_client):
    response = staff_client.get(URL, {"months": "99", "network": "x"})
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert response.context["paginator"].count == 5
    export = reverse("reporting:attention_export", kwargs={"fmt": "csv"})
    assert staff_client.get(export, {"months": "0"}).status_code == 400


def _count(client, query: dict) -> int:
    client.get(URL, query)
    with counting_queries() as context:
        response = client.get(URL, query)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_queries_do_not_grow_with_the_rows(staff_client):
    member("Nie Aktiv GmbH")  # so both measurements look up activity before the two years
    few = _count(staff_client, {})
    for index in range(40):
        partner = member(f"Ruhig {index:02d} GmbH")
        contact(partner, date(2025, 1 + index % 12, 3))
        attended(partner, event(f"Abend {index}", date(2024, 9, 1)))
    many = _count(staff_client, {})
    assert few == many
    assert _count(staff_client, {"page": "2"}) == many


def test_pages_of_25(staff_client):
    for index in range(30):
        member(f"Still {index:02d} GmbH")
    first = staff_client.get(URL, {"sort": "name"})
    second = staff_client.get(URL, {"sort": "name", "page": "2"})
    assert len(first.context["rows"]) == 25 and len(second.context["rows"]) == 5
    assert "Still 29 GmbH" in second.content.decode()


def test_export_writes_the_filtered_rows_and_is_audited(partners, staff_client, staff_user):
    url = reverse("reporting:attention_export", kwargs={"fmt": "csv"})
    response = staff_client.get(url, {"reason": "quiet", "sort": "name"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:5] == ["Organisation", "Kind", "District", "Member since", "Last contact"]
    assert [row[0] for row in rows[1:]] == ["Never GmbH", "Old Times AG", "Quiet GmbH"]
    assert rows[3][2] == "Testkreis Hasetal" and rows[3][4] == "2025-10-01"
    entry = AuditEntry.objects.get(action="reporting.attention.exported")
    assert entry.actor == staff_user and entry.data["rows"] == 3
    xlsx = staff_client.get(reverse("reporting:attention_export", kwargs={"fmt": "xlsx"}))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_links_from_the_office_and_the_board(client_for, role_users):
    for role in ("staff", "board"):
        response = client_for(role_users[role]).get(reverse("reporting:home"))
        menu = [
            item["url"] for section in response.context["office_menu"] for item in section["items"]
        ]
        assert URL in menu and f'href="{URL}"' in response.content.decode()
    member_page = client_for(role_users["member"]).get(reverse("reporting:home")).content.decode()
    assert f'href="{URL}"' not in member_page
