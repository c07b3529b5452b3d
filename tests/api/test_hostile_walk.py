"""The hostile-input walk over every API write (RELIABILITY 12, 13 and 40; attack run 3, 4, 11).

Every write the route tables declare (POST and PATCH with a JSON body) is sent first as it is
and then with each field, one at a time, replaced by hostile values: control characters and
line breaks, NUL, lone surrogates, floats and booleans where ids go, huge numbers, nesting,
10,000 characters. Whole bodies that nest absurdly deep, that are not UTF-8 or not JSON, or that
are oversized are sent too. The answer is always below 500; one-line fields never store a line
break; and every write is also sent with a read-only token, which may change nothing.
"""

import json
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from innonet.accounts import services as account_services
from innonet.partners.models import Organisation
from tests.access import JSON
from tests.core.test_access_table import TABLE, objs  # noqa: F401 - objs is a fixture

HOSTILE_VALUES: list[Any] = [
    "Zeile\r\nBcc: opfer@beispiel.de",
    "Null\x00byte \u202eexe.pdf",
    "\ud800",
    "x" * 10_000,
    1.5,
    True,
    10**30,
    [[[[[[[[1]]]]]]]],
    {"id": 1},
]
WHOLE_BODIES: list[bytes] = [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 40 + b"1" + b"}" * 40,
    b"\xff\xfe\x00{",
    b"{not json",
    b'{"title": 1e309}',
    b'{"title": NaN}',
    b"",
    b"null",
    b"[]",
]


# Every write the route tables declare; the access table's `objs` builds only the data of the
# route's own area (its `area`), which is what the route's body refers to.
WRITES = [
    route
    for route in TABLE
    if route.method in ("POST", "PATCH")
    and route.content_type == JSON
    and route.expected.get("staff") in (200, 201)
]


def _send(client, route, objects, body: bytes, headers: dict) -> Any:
    url = reverse(route.name, kwargs=route.kwargs(objects))
    return client.generic(route.method, url, body, content_type="application/json", **headers)


def _encode(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _token_headers(user, scope: str) -> dict[str, str]:
    _token, plain = account_services.api_token_create(
        user, name="walk", scope=scope, days=1, acting_user=user
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _one_line_columns() -> list[tuple[str, str]]:
    """(table, column) of every one-line text column of the project's models."""
    from django.apps import apps

    from innonet.core.models.fields import OneLineCharField

    columns = []
    for model in apps.get_models():
        if model.__module__.startswith("innonet.") and not model._meta.proxy:
            for field in model._meta.concrete_fields:
                if isinstance(field, OneLineCharField):
                    columns.append((model._meta.db_table, field.column))
    return columns


def _stored_line_breaks() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table, column in _one_line_columns():
            quoted_table, quoted = (
                connection.ops.quote_name(table),
                connection.ops.quote_name(column),
            )
            cursor.execute(
                f"SELECT COUNT(*) FROM {quoted_table} WHERE {quoted} LIKE %s OR {quoted} LIKE %s",  # noqa: S608
                ["%\n%", "%\r%"],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


@pytest.mark.parametrize("route", WRITES, ids=lambda r: r.id)
def test_every_write_survives_hostile_fields_and_bodies(route, objs, client):  # noqa: F811
    headers = _token_headers(objs["staff"], "write")
    valid = route.data(objs)
    failures = []
    for name in [*valid, "id", "organisation"]:
        for value in HOSTILE_VALUES:
            response = _send(client, route, objs, _encode({**valid, name: value}), headers)
            if response.status_code >= 500:
                failures.append((name, repr(value)[:40], response.status_code))
    for body in WHOLE_BODIES:
        if not body and route.method == "PATCH":
            continue
        response = _send(client, route, objs, body, headers)
        if response.status_code >= 500:
            failures.append(("<body>", repr(body[:30]), response.status_code))
    assert not failures, failures
    assert _stored_line_breaks() == []


# The matching questions write nothing, so read-only tokens may ask them (see their module).
QUESTIONS = ("api-matching-idea", "api-matching-consortium")


@pytest.mark.parametrize(
    "route", [route for route in WRITES if route.name not in QUESTIONS], ids=lambda r: r.id
)
def test_a_read_only_token_changes_nothing(route, objs, client):  # noqa: F811
    headers = _token_headers(objs["staff"], "read")
    response = _send(client, route, objs, _encode(route.data(objs)), headers)
    assert response.status_code == 403


def test_an_oversized_body_is_refused(objs, client):  # noqa: F811
    headers = _token_headers(objs["staff"], "write")
    body = b'{"name": "Gross GmbH", "kind": "sme", "description": "' + b"y" * (6 << 20) + b'"}'
    response = client.generic(
        "POST", "/api/organisations/", body, content_type="application/json", **headers
    )
    assert response.status_code == 413
    assert not Organisation.objects.filter(name="Gross GmbH").exists()
