"""Every page a role may open is reachable by links from that role's start page within three
clicks, in the demo network: a page nobody can reach by links does not exist for its users.

The walk follows the `<a href>` links of each page as a person would click them (GET, same
site), breadth first, to depth three. The pages a role may open come from the access table
(every GET route the table answers with 200 for that role); the REST API and the few pages that
are reached from outside the site by design are listed with their reason below.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from tests.access import named_patterns
from tests.core.test_access_table import TABLE

from .conftest import demo_loaded_once
from .test_demo import ROLES

pytestmark = pytest.mark.django_db

loaded = demo_loaded_once(seed=11)

CLICKS = 3
SAME_VIEW_VISITS = 3  # distinct addresses followed per URL name (e.g. three organisations)
DEMO_LOGIN = {role: email for email, role in ROLES.items()}
# Reached from outside the site by design, never by a link on it.
FROM_OUTSIDE = {
    "core:healthz": "the load balancer's health check",
    "core:health_status": "the monitoring's detailed health check",
    "core:metrics": "the monitoring's metrics scrape",
    "events:registration_confirm": "the signed link in the confirmation mail",
    "events:registration_cancel": "the signed link in the mails to a registrant",
    "events:calendar_feed": "the personal feed address a calendar program subscribes to",
    "projects:deadline_feed": "the feed address a calendar program subscribes to",
    "events:event_registered": "the page after the registration form is sent",
    "events:feedback": "the signed link in the mail after the event",
    "events:my_feed": "the personal feed address a calendar program subscribes to",
    "content:subscription_confirm": "the signed link in the newsletter confirmation mail",
    "content:subscription_manage": "the preference link in every newsletter",
    "content:subscription_unsubscribe": "the unsubscribe link (and header) of every newsletter",
    "content:subscription_requested": "the page after the newsletter sign-up form is sent",
    "account_signup": "closed: the office creates accounts (the page says so)",
    "account_confirm_email": "the link in the address confirmation mail",
    "account_email_verification_sent": "the page after an address change is requested",
    "account_inactive": "where a deactivated account is sent on sign-in",
    "account_reset_password_done": "the page after the reset form is sent",
    "account_reset_password_from_key": "the link in the password reset mail",
    "account_reset_password_from_key_done": "the page after a new password is set",
    "account_reauthenticate": "where a sensitive action asks for the password again",
    "mfa_reauthenticate": "where a sensitive action asks for the second factor again",
}
# Signed-in people ask through "I am interested"; the visitors' form is for people without an
# account.
SIGNED_IN_ELSEWHERE = {"matching:profile_respond"}
# Pages of records the demo does not have (a research group of the member's organisation, a
# project document, an import job); the page of their parent record links each of them.
RECORDS_NOT_IN_THE_DEMO = {
    "partners:unit_update": "the organisation page, per research group",
    "partners:unit_delete": "the organisation page, per research group",
    "projects:document_download": "the project page, per document",
    "projects:project_detail": "the project list (the demo member's organisation has none)",
    "partners:import_detail": "the import list, per import",
    "partners:import_status": "the import page, which polls it while the import runs",
    "reporting:report_detail": "the list of funder's reports, per issued report",
    "reporting:report_pdf": "the page of an issued report",
    "reporting:report_xlsx": "the page of an issued report",
    "content:issue_update": "the page of a draft newsletter issue (the demo's issue is sent)",
    "meetings:outcome": "the plan page of a marketplace whose event has begun, per meeting",
}
# Resources that pages load, not pages a person opens.
RESOURCES = {
    "javascript_catalog": "the interface's translations for scripts",
    "partners:organisation_logo": "the logo image on organisation pages",
    "content:news_image": "the picture on a news item's page (the demo's items have none)",
    "content:article_image": "the picture on an article's page (the demo's items have none)",
    "content:issue_progress": "the issue page polls it while the issue is being sent",
    "meetings:plan_status": "the meeting plan page polls it while the plan is being built",
    "content:issue_recipient_count": "the composer asks for it when the segment changes",
}


class Clickables(HTMLParser):
    """The addresses of links (followed) and of forms (a button on screen: used, not sent)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form" and attributes.get("action"):
            self.forms.append(attributes["action"])


def on_site(base: str, hrefs: list[str]) -> list[str]:
    found = []
    for href in hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def walk(client, start: str) -> dict[str, tuple[int, list[str]]]:
    """URL name -> (clicks from the start page, the path of pages that led there)."""
    reached: dict[str, tuple[int, list[str]]] = {}
    visits: dict[str, int] = {}
    queue = deque([(start, 0, [start])])
    seen = {start}
    while queue:
        path, depth, trail = queue.popleft()
        response = client.get(path)
        if response.status_code != 200:
            continue
        name = view_name(path)
        if name and name not in reached:
            reached[name] = (depth, trail)
        if depth == CLICKS or not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = Clickables()
        page.feed(response.content.decode())
        for action in on_site(path, page.forms):
            name = view_name(action)
            if name and name not in reached:
                reached[name] = (depth + 1, [*trail, f"form {action}"])
        for link in on_site(path, page.links):
            name = view_name(link)
            if link in seen or name is None or link.startswith(("/api/", "/admin/", "/static/")):
                continue
            if visits.get(name, 0) >= SAME_VIEW_VISITS:
                continue
            seen.add(link)
            visits[name] = visits.get(name, 0) + 1
            queue.append((link, depth + 1, [*trail, link]))
    return reached


def pages_for(role: str) -> set[str]:
    """The GET pages the access table opens for `role` (the REST API excluded)."""
    api = {name for name, route in named_patterns() if name and route.startswith("/api/")}
    return {
        route.name
        for route in TABLE
        if route.method == "GET"
        and route.expected.get(role) == 200
        and route.name not in api
        and route.name not in FROM_OUTSIDE
        and route.name not in RESOURCES
        and route.name not in RECORDS_NOT_IN_THE_DEMO
        and not (role != "anonymous" and route.name in SIGNED_IN_ELSEWHERE)
        and not route.name.startswith("admin:")
    }


@pytest.fixture(autouse=True)
def cache_table(db):
    """Rate limits live in the database cache."""
    call_command("createcachetable", verbosity=0)


@pytest.mark.parametrize("role", ["anonymous", "member", "network_manager", "board", "staff"])
def test_every_page_of_a_role_is_within_three_clicks_of_its_start_page(loaded, client_for, role):
    user = None
    if role != "anonymous":
        user = get_user_model().objects.get(email=DEMO_LOGIN[role])
    reached = walk(client_for(user), reverse("reporting:home"))
    missing = sorted(pages_for(role) - set(reached))
    assert missing == [], f"{role} cannot reach by links within {CLICKS} clicks: {missing}"
