"""Fixtures of the reporting tests."""

from tests.reporting.world import world  # noqa: F401 - the hand-built network as a fixture
