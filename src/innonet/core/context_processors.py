"""Navigation for every page: the capabilities, and which of them are available yet."""

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import permissions

# (label, URL name or None while the capability is still being built, roles that see it)
_SIGNED_IN = (permissions.MEMBER, permissions.NETWORK_MANAGER, permissions.BOARD, permissions.STAFF)
_READERS = (permissions.BOARD, permissions.STAFF)
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
    (_("Information"), None, permissions.ROLES),
    (_("Reports"), None, _READERS),
)


def _url(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def navigation(request: HttpRequest) -> dict:
    role = permissions.role_of(getattr(request, "user", None))
    items = [
        {"label": label, "url": _url(name), "active": False}
        for label, name, roles in NAVIGATION
        if role in roles
    ]
    # The section whose address is the longest prefix of this page is the current one.
    matching = [item for item in items if item["url"] and request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {
        "nav_items": items,
        "user_role": role,
        "is_network_staff": role == permissions.STAFF,
    }
