"""Clients for the API tests."""

import pytest
from django.core.cache import cache

from innonet.accounts import services
from tests.factories import UserFactory


@pytest.fixture
def api(client):
    """The test client, speaking as a staff user with a read token."""
    cache.clear()  # the per-user request rate starts afresh
    user = UserFactory(role="staff")
    _, plain = services.api_token_create(user, name="t", scope="read", days=1, acting_user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
    yield client
    cache.clear()
