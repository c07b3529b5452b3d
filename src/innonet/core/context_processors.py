"""Navigation for every page: the capabilities, and which of them are available yet."""

import functools

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from . import permissions

# (label, URL name or None while the capability is still being built, roles that see it)
_SIGNED_IN = (permissions.MEMBER, permissions.NETWORK_MANAGER, permissions.BOARD, permissions.STAFF)
# The office's and the board's bars are full (their own menu follows, and the bar must fit at
# 1366 px): they reach news and knowledge through their menus and their start page instead.
_READERS = (permissions.ANONYMOUS, permissions.MEMBER, permissions.NETWORK_MANAGER)
NAVIGATION = (
    (_("Partners"), "partners:organisation_list", _SIGNED_IN),
    (
        _("Directory"),
        "partners:directory",
        (permissions.MEMBER, permissions.BOARD, permissions.STAFF),
    ),
    (
        _("People"),
        "partners:person_list",
        (permissions.MEMBER, permissions.BOARD, permissions.STAFF),
    ),
    (_("Contacts"), "partners:interaction_list", (permissions.BOARD, permissions.STAFF)),
    (_("Events"), "events:event_list", permissions.ROLES),
    (_("Cooperation offers"), "matching:profile_list", permissions.ROLES),
    (_("Matchmaking"), "matching:idea", _SIGNED_IN),
    (_("Projects"), "projects:project_list", _SIGNED_IN),
    (_("News"), "content:news_list", _READERS),
    (_("Knowledge"), "content:article_list", _READERS),
)


# The office's own menus (staff only): (heading, ((label, URL name), ...)) per section. Every
# staff page that is not reached from a list or a record's page has an entry here.
OFFICE_MENU = (
    (
        _("Events"),
        (
            (_("New event"), "events:event_create"),
            (_("Format catalogue"), "events:format_list"),
        ),
    ),
    (
        _("Matchmaking"),
        (
            (_("Introductions and requests"), "matching:introduction_list"),
            (_("Plan an introduction"), "matching:introduction_create"),
            (_("New cooperation profile"), "matching:profile_create"),
        ),
    ),
    (
        _("Registry"),
        (
            (_("New organisation"), "partners:organisation_create"),
            (_("New person"), "partners:person_create"),
            (_("My follow-ups"), "partners:followup_list"),
            (_("Partners needing attention"), "reporting:attention"),
            (_("Import"), "partners:import_list"),
            (_("Networks and agreements"), "networks:network_list"),
        ),
    ),
    (
        _("Projects and funding"),
        (
            (_("Funding programmes and calls"), "projects:programme_list"),
            (_("Project figures"), "reporting:project_funnel"),
        ),
    ),
    (
        # What the office publishes: news, the knowledge base and the newsletter.
        _("Information"),
        (
            (_("News"), "content:news_staff_list"),
            (_("Write news"), "content:news_create"),
            (_("Knowledge articles"), "content:article_staff_list"),
            (_("Write a knowledge article"), "content:article_create"),
            (_("Newsletter"), "content:issue_list"),
            (_("Subscriptions"), "content:subscription_list"),
        ),
    ),
    (
        _("E-mails"),
        (
            (_("Outbox"), "core:outbox_list"),
            (_("Blocked addresses"), "core:suppressed_list"),
        ),
    ),
    (
        _("Reports"),
        (
            (_("Figures and indicators"), "reporting:dashboard"),
            (_("Funder's reports"), "reporting:report_list"),
            (_("Network graph"), "reporting:network_graph"),
            (_("Yearly targets"), "reporting:targets"),
        ),
    ),
)
ADMIN_MENU = (
    (_("Taxonomies"), "core:taxonomy_index"),
    (_("Register of personal data"), "partners:privacy_register"),
    (_("Background tasks"), "core:task_list"),
    (_("Matching index"), "matching:index_status"),
    (_("Audit log"), "core:audit_list"),
    (_("Admin site"), "admin:index"),
)
# One drop-down, so that the bar still fits at 1366 px; administration is its last section.
OFFICE_SECTIONS = (*OFFICE_MENU, (_("Administration"), ADMIN_MENU))
# The board reads what the office keeps, without the office's forms: its own drop-down.
BOARD_SECTIONS = (
    (
        _("Figures"),
        (
            (_("Figures and indicators"), "reporting:dashboard"),
            (_("Project figures"), "reporting:project_funnel"),
            (_("Partners needing attention"), "reporting:attention"),
            (_("Funder's reports"), "reporting:report_list"),
            (_("Events and their figures"), "events:event_list"),
            (_("Format catalogue"), "events:format_list"),
            (_("Introductions and requests"), "matching:introduction_list"),
            (_("Network graph"), "reporting:network_graph"),
        ),
    ),
    (
        _("Information"),
        (
            (_("News"), "content:news_list"),
            (_("Knowledge"), "content:article_list"),
        ),
    ),
    (
        _("Records"),
        (
            (_("Audit log"), "core:audit_list"),
            (_("Register of personal data"), "partners:privacy_register"),
            (_("Taxonomies"), "core:taxonomy_index"),
            (_("Matching index"), "matching:index_status"),
        ),
    ),
)
ROLE_MENUS = {
    permissions.STAFF: (_("Office"), OFFICE_SECTIONS),
    permissions.BOARD: (_("Reports"), BOARD_SECTIONS),
}


def _menu(entries: tuple) -> list[dict]:
    return [{"label": label, "url": url} for label, name in entries if (url := _url(name))]


def _url(name: str | None) -> str | None:
    if name is None:
        return None
    return _reversed(name, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=256)
def _reversed(name: str, script_prefix: str, urlconf: str | None) -> str | None:
    """The menu's addresses are fixed for a given prefix (no language in the paths): reversing
    some 40 names on every page cost about a millisecond."""
    try:
        return reverse(name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def navigation(request: HttpRequest) -> dict:
    role = permissions.role_of(getattr(request, "user", None))
    # Capabilities still being built (no URL yet) stay out of the bar: it must fit at 1200 px.
    items = [
        {"label": label, "url": url, "active": False}
        for label, name, roles in NAVIGATION
        if role in roles and (url := _url(name))
    ]
    # The section whose address is the longest prefix of this page is the current one.
    matching = [item for item in items if item["url"] and request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    menu_label, sections = ROLE_MENUS.get(role, ("", ()))
    return {
        "nav_items": items,
        "user_role": role,
        "is_network_staff": role == permissions.STAFF,
        "office_menu_label": menu_label,
        "office_menu": [
            {"heading": heading, "items": _menu(entries)} for heading, entries in sections
        ],
    }
