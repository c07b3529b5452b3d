"""Every URL x method x role answers as the table says; a URL without an entry fails."""

import dataclasses
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from innonet.accounts import services as account_services
from innonet.core import audit
from innonet.core.models import Competence, Country, District
from tests.access import (
    API_PUBLIC_READ,
    API_SIGNED_IN,
    API_STAFF_WRITE,
    COVERED_ELSEWHERE,
    LOGIN,
    PUBLIC,
    READERS,
    ROLE_NAMES,
    SIGNED_IN,
    STAFF_ONLY,
    Route,
    assert_secure_headers,
    expect,
    named_patterns,
    readability_problems,
    same,
)
from tests.factories import Ris3FieldFactory, host_network
from tests.networks.factories import share_with

JSON = "application/json"


def _org_audit(objs):
    org = objs["member"].organisation
    return {
        "content_type_id": ContentType.objects.get_for_model(org).pk,
        "object_id": str(org.pk),
    }


TAXONOMY_KINDS = ("ris3-fields", "competences", "districts", "countries")

TABLE: list[Route] = [
    # core
    Route("core:healthz", PUBLIC),
    # The test client comes from loopback, which monitoring allows; any other address gets a
    # 404 whatever the role (tests/core/test_monitoring.py).
    Route("core:health_status", PUBLIC, note="from an allowed network"),
    Route("core:metrics", PUBLIC, note="from an allowed network"),
    Route("core:imprint", PUBLIC),
    Route("core:privacy", PUBLIC),
    Route("core:audit_list", READERS),
    Route("core:audit_object", READERS, kwargs=_org_audit),
    Route("core:taxonomy_index", READERS),
    Route("core:taxonomy_list", READERS, kwargs=lambda objs: {"kind": "competences"}),
    *[
        Route("core:taxonomy_create", STAFF_ONLY, kwargs=lambda objs, kind=kind: {"kind": kind})
        for kind in TAXONOMY_KINDS
    ],
    *[
        Route("core:taxonomy_list", READERS, kwargs=lambda objs, kind=kind: {"kind": kind})
        for kind in TAXONOMY_KINDS
        if kind != "competences"
    ],
    *[
        Route(
            "core:taxonomy_update",
            STAFF_ONLY,
            kwargs=lambda objs, kind=kind: {"kind": kind, "pk": objs[kind].pk},
        )
        for kind in ("competences", "districts", "countries")
    ],
    Route(
        "core:taxonomy_create",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=lambda objs: {"kind": "ris3-fields"},
        data=lambda objs: {"name": "Neues Schwerpunktfeld"},
    ),
    Route(
        "core:taxonomy_update",
        STAFF_ONLY,
        kwargs=lambda objs: {"kind": "ris3-fields", "pk": objs["ris3"].pk},
    ),
    Route(
        "core:taxonomy_update",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=lambda objs: {"kind": "ris3-fields", "pk": objs["ris3"].pk},
        data=lambda objs: {"name": "Umbenanntes Feld"},
    ),
    Route(
        "core:taxonomy_toggle",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=lambda objs: {"kind": "ris3-fields", "pk": objs["ris3"].pk},
        data=lambda objs: {"active": "0"},
    ),
    Route(
        "core:taxonomy_toggle",
        expect(LOGIN, 403, 403, 403, 403, 405),
        kwargs=lambda objs: {"kind": "ris3-fields", "pk": objs["ris3"].pk},
        note="retiring changes data, so only POST",
    ),
    Route("core:task_list", STAFF_ONLY),
    # accounts: API tokens
    Route("accounts:token_list", SIGNED_IN),
    Route(
        "accounts:token_list",
        expect(LOGIN, 200, 200, 200, 200, 200),
        method="POST",
        data=lambda objs: {"name": "Skript", "scope": "read", "days": "30"},
    ),
    Route(
        "accounts:token_revoke",
        expect(LOGIN, 302, 404, 404, 404, 302),
        method="POST",
        kwargs=lambda objs: {"pk": objs["member_token"].pk},
        note="member_b, managers and board never see another user's token",
    ),
    Route(
        "accounts:token_revoke",
        expect(LOGIN, 405, 405, 405, 405, 405),
        kwargs=lambda objs: {"pk": objs["member_token"].pk},
    ),
    # sign-in (allauth)
    Route("account_login", expect(200, 302, 302, 302, 302, 302)),
    Route("account_logout", expect(302, 200, 200, 200, 200, 200)),
    Route("account_inactive", PUBLIC),
    Route("account_signup", expect(200, 302, 302, 302, 302, 302), note="closed: explains why"),
    Route("account_reauthenticate", SIGNED_IN),
    Route("account_request_reauthentication_code", expect(LOGIN, 302, 302, 302, 302, 302)),
    Route("account_confirm_reauthentication_code", expect(LOGIN, 302, 302, 302, 302, 302)),
    Route("account_email", expect(LOGIN, 200, 200, 200, 200, 200)),
    Route("account_email_verification_sent", PUBLIC),
    Route("account_change_password", SIGNED_IN),
    Route("account_set_password", expect(LOGIN, 302, 302, 302, 302, 302)),
    Route("account_reset_password", PUBLIC),
    Route("account_reset_password_done", PUBLIC),
    Route("account_confirm_login_code", expect(302, 302, 302, 302, 302, 302)),
    Route("account_confirm_email", same(200), kwargs=lambda objs: {"key": "not-a-real-key"}),
    Route("account_reset_password_from_key_done", PUBLIC),
    Route(
        "account_reset_password_from_key",
        same(200),
        kwargs=lambda objs: {"uidb36": "zz", "key": "tampered-key"},
        note="a tampered link shows the 'bad token' page",
    ),
    Route("mfa_index", SIGNED_IN),
    Route("mfa_authenticate", same(302)),
    # Staff, the board and network managers have a TOTP device; members have none.
    Route("mfa_reauthenticate", expect(LOGIN, 302, 302, 200, 200, 200)),
    Route(
        "mfa_activate_totp",
        expect(LOGIN, 302, 302, 302, 302, 302),
        note="asks to re-authenticate first",
    ),
    Route("mfa_deactivate_totp", expect(LOGIN, 404, 404, 302, 302, 302)),
    Route("mfa_view_recovery_codes", expect(LOGIN, 404, 404, 404, 404, 404)),
    Route("mfa_generate_recovery_codes", expect(LOGIN, 302, 302, 302, 302, 302)),
    Route("mfa_download_recovery_codes", expect(LOGIN, 404, 404, 404, 404, 404)),
    Route("set_language", same(302), note="GET only redirects, changing nothing"),
    Route(
        "set_language",
        same(302),
        method="POST",
        data=lambda objs: {"language": "en", "next": "/"},
        note="a signed-in person's choice is kept on the account",
    ),
    Route("javascript_catalog", PUBLIC),
    # API
    Route("api-root", API_SIGNED_IN),
    Route("api-me", API_SIGNED_IN),
    Route("schema", PUBLIC),
    Route("swagger-ui", PUBLIC),
    Route("ris3field-list", API_PUBLIC_READ),
    Route(
        "ris3field-list",
        API_STAFF_WRITE,
        method="POST",
        data=lambda objs: {"name": "Neues Feld", "slug": "neues-feld"},
        content_type=JSON,
    ),
    Route("ris3field-detail", API_PUBLIC_READ, kwargs=lambda objs: {"pk": objs["ris3"].pk}),
    Route(
        "ris3field-detail",
        expect(401, 403, 403, 403, 403, 200),
        method="PATCH",
        kwargs=lambda objs: {"pk": objs["ris3"].pk},
        data=lambda objs: {"description": "geändert"},
        content_type=JSON,
    ),
    Route(
        "ris3field-detail",
        expect(401, 403, 403, 403, 403, 204),
        method="DELETE",
        kwargs=lambda objs: {"pk": objs["ris3"].pk},
    ),
    Route("competence-list", API_PUBLIC_READ),
    Route("competence-detail", same(404), kwargs=lambda objs: {"pk": 999999}),
    Route("district-list", API_PUBLIC_READ),
    Route("district-detail", same(404), kwargs=lambda objs: {"pk": 999999}),
    Route("country-list", API_PUBLIC_READ),
    Route("country-detail", same(404), kwargs=lambda objs: {"pk": 999999}),
]


def _area_modules():
    """Areas keep their rows in `tests/<app>/routes_<area>.py` (ROUTES, optional OBJECTS)."""
    import importlib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.glob("*/routes_*.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.{path.stem}")


AREA_MODULES = {module.__name__: module for module in _area_modules()}
for _name, _module in AREA_MODULES.items():
    TABLE.extend(dataclasses.replace(route, area=_name) for route in _module.ROUTES)


@pytest.fixture
def objs(request, role_users):
    member = role_users["member"]
    token, _ = account_services.api_token_create(
        member, name="Import", scope="read", days=30, acting_user=member
    )
    audit.record(member.organisation, "partners.organisation.updated", user=member)
    # The manager's network and the host (where the members' organisations belong) share
    # everything with each other, so the table shows the roles, not a missing agreement
    # (tests/networks/test_sharing.py walks the agreements themselves).
    share_with(role_users["network_manager"].network)
    share_with(host_network(), grantor=role_users["network_manager"].network)
    objects = {
        **role_users,
        "member_token": token,
        "ris3": Ris3FieldFactory(),
        "competences": Competence.objects.first(),
        "districts": District.objects.first(),
        "countries": Country.objects.get(code="DE"),
    }
    # Only the objects of the route's own area: building every area's data for each of the
    # thousands of cases made this table the slowest part of the suite.
    # Tests that walk many routes at once (not one route per case) get every area's data.
    route = getattr(request.node, "callspec", None) and request.node.callspec.params.get("route")
    if route is not None:
        modules = [AREA_MODULES[route.area]] if route.area else []
    else:
        modules = list(AREA_MODULES.values())
    for module in modules:
        if hasattr(module, "objects"):
            objects.update(module.objects(objects))
    return objects


def test_every_url_has_an_entry():
    listed = {route.name for route in TABLE}
    missing = []
    for name, pattern in named_patterns():
        if any(pattern.startswith(f"/{prefix[:-1]}/") for prefix in COVERED_ELSEWHERE):
            continue
        if name is None or name not in listed:
            missing.append(f"{name} ({pattern})")
    assert not missing, f"URLs without an entry in the route x role table: {missing}"


def test_every_entry_names_a_url():
    names = {name for name, _ in named_patterns()}
    assert not [route.name for route in TABLE if route.name not in names]


def _answer(route, role, objs, client_for):
    client = client_for(objs[role] if role != "anonymous" else None)
    url = reverse(route.name, kwargs=route.kwargs(objs))
    data = route.data(objs)
    kwargs = {"content_type": route.content_type} if route.content_type else {}
    if route.content_type == JSON:
        data = json.dumps(data)
    return getattr(client, route.method.lower())(url, data, **kwargs)


def _unexpected(route, role, response) -> str | None:
    expected = route.expected[role]
    status = 302 if expected == LOGIN else expected
    if response.status_code != status:
        return f"{role}: {response.status_code} instead of {status}"
    if expected == LOGIN and not response["Location"].startswith(reverse("account_login")):
        return f"{role}: redirected to {response['Location']}, not to the sign-in page"
    return None


@pytest.mark.parametrize("route", TABLE, ids=lambda route: route.id)
def test_route_answers_every_role(route, objs, client_for):
    """Every role asks the route once, each in a savepoint that is rolled back, so that one
    role's write never changes what the next one finds. Every answer, whatever its status,
    carries the security headers (RELIABILITY item 2)."""
    unexpected = []
    for role in ROLE_NAMES:
        with transaction.atomic():
            response = _answer(route, role, objs, client_for)
            transaction.set_rollback(True)
        problem = _unexpected(route, role, response)
        if problem:
            unexpected.append(problem)
        unexpected += [f"{role}: {text}" for text in readability_problems(response)]
        assert_secure_headers(response, signed_in=role != "anonymous")
    assert not unexpected, f"{route.id}: {unexpected}"
