"""API writes with an Idempotency-Key sent 20 times at once create exactly one object
(RELIABILITY.md item 27). Each thread is a separate HTTP client with its own database
connection, as separate requests are; the same tests run on SQLite and PostgreSQL."""

import json
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.test import Client

from innonet.accounts import services as account_services
from innonet.core.rest.models import IdempotencyKey
from innonet.events.models import Format, Registration
from tests.core.worker_processes import needs_real_connections
from tests.factories import EventFactory, UserFactory

# SQLite's in-memory test database cannot serve several connections that wait for each other
# (shared-cache table locks fail at once); production SQLite is a file. So on SQLite these tests
# run in a child pytest against a file database (tests/core/test_on_a_sqlite_file.py).
pytestmark = pytest.mark.django_db(transaction=True)
REQUESTS = 20


def token_for(user) -> str:
    _, plain = account_services.api_token_create(
        user, name="Retry", scope="write", days=1, acting_user=user
    )
    return plain


def post_at_once(url: str, body: dict, token: str, key: str) -> list:
    """REQUESTS identical POSTs released together; returns the responses."""
    barrier = Barrier(REQUESTS)

    def send(_n):
        client = Client()
        try:
            barrier.wait(timeout=30)
            return client.generic(
                "POST",
                url,
                json.dumps(body),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
                HTTP_IDEMPOTENCY_KEY=key,
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        return list(pool.map(send, range(REQUESTS)))


def assert_one_answer(responses) -> dict:
    assert [response.status_code for response in responses] == [201] * REQUESTS
    bodies = {json.dumps(response.json(), sort_keys=True) for response in responses}
    assert len(bodies) == 1, bodies
    replayed = [response.get("Idempotent-Replayed") for response in responses]
    assert replayed.count("true") == REQUESTS - 1
    return json.loads(bodies.pop())


@needs_real_connections
def test_twenty_identical_format_creates_make_one_format():
    manager = UserFactory(role="network_manager")
    responses = post_at_once(
        "/api/formats/", {"name": "Gleichzeitig"}, token_for(manager), "format-once"
    )
    body = assert_one_answer(responses)
    assert list(Format.objects.filter(name="Gleichzeitig").values_list("pk", flat=True)) == [
        body["id"]
    ]
    assert IdempotencyKey.objects.count() == 1


@needs_real_connections
def test_twenty_identical_registrations_make_one():
    event = EventFactory(capacity=5)
    member = UserFactory(role="member")
    responses = post_at_once(
        "/api/registrations/", {"event": event.pk}, token_for(member), "register-once"
    )
    body = assert_one_answer(responses)
    assert body["status"] == "confirmed"
    assert list(Registration.objects.values_list("pk", flat=True)) == [body["id"]]
