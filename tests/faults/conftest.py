"""Fixtures of the fault tests."""

import pytest

from .disk import mounted


@pytest.fixture
def tiny_disk(tmp_path):
    """A nearly empty 256 KiB tmpfs, unmounted after the test."""
    with mounted(tmp_path / "disk") as disk:
        yield disk


@pytest.fixture
def media_on_tiny_disk(settings, tiny_disk):
    """Uploads go to the local file storage on the tiny disk."""
    settings.MEDIA_ROOT = str(tiny_disk.root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "innonet.core.storage.LocalStorage"},
    }
    return tiny_disk
