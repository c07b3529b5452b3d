"""The route x role table machinery (RELIABILITY.md item 9): every URL, every role."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

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


@dataclass(frozen=True)
class Route:
    """One URL name with a method, what each role gets, and how to build its arguments."""

    name: str
    expected: dict[str, int | str]
    method: str = "GET"
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda objs: {})
    data: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda objs: {})
    content_type: str | None = None
    note: str = ""
    area: str = ""  # the routes_<area> module the row comes from; its objects() are built

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}"


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
