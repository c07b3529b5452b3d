"""Staff reach their pages by clicking: a walk over the links of the pages, starting at the
start page, finds every office page within three clicks; the menus hold the pages no list or
record page links to."""

import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from innonet.core.context_processors import OFFICE_SECTIONS
from tests.content.newsletter_factories import IssueFactory, SubscriptionFactory
from tests.factories import AffiliationFactory, EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"#]*)')
# Pages that change or end something when opened are never followed by the walk.
NOT_FOLLOWED = {"account_logout", "admin:index", "set_language"}
STAFF_PAGES = {
    "content:news_staff_list",
    "content:news_create",
    "content:article_staff_list",
    "content:article_create",
    "events:event_create",
    "events:format_list",
    "events:event_figures",
    "events:registration_list",
    "events:checkin",
    "matching:introduction_list",
    "matching:introduction_create",
    "matching:index_status",
    "partners:followup_list",
    "partners:import_list",
    "partners:privacy_register",
    "partners:organisation_create",
    "partners:organisation_merge",
    "partners:person_create",
    "partners:person_erase",
    "partners:person_export_pdf",
    "partners:person_merge",
    "projects:programme_list",
    "reporting:project_funnel",
    "core:taxonomy_index",
    "core:task_list",
    "core:audit_list",
    "content:issue_list",
    "content:issue_create",
    "content:issue_detail",
    "content:issue_preview",
    "content:subscription_list",
    "content:subscription_detail",
}


def walk(client, start: str, depth: int) -> dict[str, int]:
    """URL name → the fewest clicks from `start`, following same-site links of GET pages."""
    seen_paths = {start}
    clicks: dict[str, int] = {}
    queue = deque([(start, 0)])
    while queue:
        path, distance = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = urlsplit(unescape(href))
            if target.netloc or not target.path.startswith("/"):
                continue
            try:
                name = resolve(target.path).view_name
            except Resolver404:
                continue
            clicks.setdefault(name, distance + 1)
            if distance + 1 < depth and name not in NOT_FOLLOWED and target.path not in seen_paths:
                if name.startswith(("api", "admin:")) or target.path.endswith((".ics", ".pdf")):
                    continue
                seen_paths.add(target.path)
                queue.append((target.path, distance + 1))
    return clicks


@pytest.fixture
def world():
    organisation = OrganisationFactory(name="Hasetal Datentechnik GmbH")
    AffiliationFactory(organisation=organisation)
    EventFactory(title="Expertengespräch Agrarsensorik")
    IssueFactory()
    SubscriptionFactory()


def test_every_office_page_is_within_three_clicks_of_the_start_page(staff_client, world):
    clicks = walk(staff_client, reverse("reporting:home"), depth=3)
    missing = sorted(STAFF_PAGES - set(clicks))
    assert not missing, f"no link path of three clicks or fewer from the start page: {missing}"
    for name in ("events:event_create", "events:format_list", "matching:introduction_list"):
        assert clicks[name] == 1, f"{name} is not in the menu"


def test_menus_are_only_for_staff(client_for, role_users):
    office_url = reverse("events:event_create")
    for role in ("member", "board", "network_manager"):
        page = client_for(role_users[role]).get(reverse("reporting:home")).content.decode()
        assert f'href="{office_url}"' not in page, role
    page = client_for(role_users["staff"]).get(reverse("reporting:home")).content.decode()
    for _heading, entries in OFFICE_SECTIONS:
        for _label, name in entries:
            assert f'href="{reverse(name)}"' in page
