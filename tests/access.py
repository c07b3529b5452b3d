"""The route x role table machinery (RELIABILITY.md item 9): every URL, every role."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLE_NAMES = ("anonymous", "member", "member_b", "network_manager", "board", "staff")
LOGIN = "login"  # a 302 to the sign-in page; a plain 302 may go anywhere on the site


def expect(anonymous, member, member_b, manager, board, staff) -> dict[str, int | str]:
    return dict(zip(ROLE_NAMES, (anonymous, member, member_b, manager, board, staff), strict=True))


def same(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLE_NAMES, status)


PUBLIC = same(200)
SIGNED_IN = expect(LOGIN, 200, 200, 200, 200, 200)
READERS = expect(LOGIN, 403, 403, 403, 200, 200)
STAFF_ONLY = expect(LOGIN, 403, 403, 403, 403, 200)
API_PUBLIC_READ = same(200)
API_SIGNED_IN = expect(401, 200, 200, 200, 200, 200)
API_STAFF_WRITE = expect(401, 403, 403, 403, 403, 201)
API_NOT_ALLOWED = expect(401, 405, 405, 405, 405, 405)
JSON = "application/json"

Expected = dict[str, int | str]
ObjsFunction = Callable[[dict[str, Any]], dict[str, Any]]


def empty(objs: dict[str, Any]) -> dict[str, Any]:
    """No URL arguments, or no request data."""
    return {}


@dataclass(frozen=True)
class Route:
    """One URL name with a method, what each role gets, and how to build its arguments."""

    name: str
    expected: Expected
    method: str = "GET"
    kwargs: ObjsFunction = empty
    data: ObjsFunction = empty
    content_type: str | None = None
    note: str = ""
    area: str = ""  # the routes_<area> module the row comes from; its objects() are built

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"


def pk_of(key: str) -> ObjsFunction:
    """URL arguments naming the object built under `key`."""
    return lambda objs: {"pk": objs[key].pk}


def api_rows(
    basename: str,
    key: str | None = None,
    *,
    list_get: Expected | None = None,
    list_post: Expected | None = None,
    post_data: ObjsFunction = empty,
    detail_get: Expected | None = None,
    detail_patch: Expected | None = None,
    patch_data: ObjsFunction = empty,
    detail_delete: Expected | None = None,
) -> list[Route]:
    """The rows of one REST viewset, in this order: GET and POST on `<basename>-list`, then GET,
    PATCH and DELETE on `<basename>-detail` of the object built under `key`. Only the methods
    given get a row; POST and PATCH send their data as JSON."""
    list_name, detail_name = f"{basename}-list", f"{basename}-detail"
    rows = []
    if list_get is not None:
        rows.append(Route(list_name, list_get))
    if list_post is not None:
        rows.append(Route(list_name, list_post, "POST", data=post_data, content_type=JSON))
    for method, expected, data in (
        ("GET", detail_get, empty),
        ("PATCH", detail_patch, patch_data),
        ("DELETE", detail_delete, empty),
    ):
        if expected is None:
            continue
        if key is None:
            raise TypeError(f"{method} {detail_name} needs the key of its object")
        content_type = JSON if method == "PATCH" else None
        rows.append(
            Route(detail_name, expected, method, pk_of(key), data=data, content_type=content_type)
        )
    return rows


# URL prefixes covered by their own tests instead of the table.
COVERED_ELSEWHERE = {
    "admin:": "tests/core/test_admin_access.py walks every admin changelist for every role",
}


def named_patterns() -> Iterator[tuple[str | None, str]]:
    """Every (qualified name, route) in the URLconf."""

    def walk(patterns, prefix: str, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                yield name, prefix + str(pattern.pattern)

    yield from walk(get_resolver().url_patterns, "/", None)


def readability_problems(response) -> list[str]:
    """What a person should never read on a page: Django's dashes as a choice, markup in the
    tab title; and what every page has: links to the imprint and the privacy policy."""
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return []
    page = response.content.decode()
    problems = []
    if ">---------</option>" in page:
        problems.append("a drop-down offers ---------")
    for name in ("core:imprint", "core:privacy"):
        if "<html" in page and f'href="{reverse(name)}"' not in page:  # pages, not fragments
            problems.append(f"no link to {name}")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    if title and re.search(r"<|&lt;", title.group(1)):
        problems.append(f"markup in the title: {title.group(1)[:80]!r}")
    return problems


def assert_secure_headers(response, *, signed_in: bool) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    if response.get("Content-Type", "").startswith("text/html"):
        policy = response["Content-Security-Policy"]
        directives = dict(
            [*part.strip().split(" ", 1), ""][:2] for part in policy.split(";") if part.strip()
        )
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert directives["frame-ancestors"] == "'none'"
        assert response["X-Frame-Options"] == "DENY"
    if signed_in:
        assert "no-store" in response["Cache-Control"]
