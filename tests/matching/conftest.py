"""Fixtures of the matchmaking tests: a real SMTP server, and a fresh index per test."""

import pytest

from innonet.matching import search_index
from tests.events.conftest import smtp_server  # noqa: F401 - a fixture used by mail tests


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test builds the index from its own data (the file of an earlier test is stale)."""
    search_index.forget()
    yield
    search_index.forget()
