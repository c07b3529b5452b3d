"""Fixtures of the reporting tests."""

from tests.reporting.label_world import label_world  # noqa: F401 - with international work
from tests.reporting.world import world  # noqa: F401 - the hand-built network as a fixture
