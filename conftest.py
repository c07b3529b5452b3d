"""Shared fixtures: one signed-in client per role, background tasks run immediately."""

import os
import tempfile
from pathlib import Path

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from tests.factories import PASSWORD, UserFactory, add_totp

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
TEST_OVERRIDES = {
    "TASKS": IMMEDIATE_TASKS,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    "SECURE_SSL_REDIRECT": False,
    # Each test process has its own index file; tests of the limits set small rates themselves.
    "MATCHING_INDEX_PATH": Path(tempfile.gettempdir())
    / f"innonet-test-index-{os.getpid()}"
    / "matching-index.pickle",
    "USER_RATE_LIMITS": {
        "matching": "1000/min",
        "consortium": "1000/min",
        "export": "1000/min",
        "import": "1000/min",
    },
}


def pytest_configure(config):
    override_settings(**TEST_OVERRIDES).enable()


@pytest.fixture(autouse=True)
def default_language():
    """Start every test in the default language: a request in an earlier test (LocaleMiddleware)
    leaves its language active for the thread, and commands would then speak it."""
    translation.deactivate()
    yield
    translation.deactivate()


def sign_in(client: Client, user) -> Client:
    """Sign a user in as the real login would, including the second factor for staff."""
    client.force_login(user)
    if user.role == "staff":
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": 0, "email": user.email},
            {"method": "mfa", "at": 0, "type": "totp"},
        ]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
    return client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def staff_user(db):
    user = UserFactory(role="staff")
    add_totp(user)
    return user


@pytest.fixture
def board_user(db):
    return UserFactory(role="board")


@pytest.fixture
def member_user(db):
    return UserFactory(role="member")


@pytest.fixture
def other_member_user(db):
    return UserFactory(role="member")


@pytest.fixture
def manager_user(db):
    return UserFactory(role="network_manager")


@pytest.fixture
def role_users(staff_user, board_user, member_user, other_member_user, manager_user):
    """One user per role; `member_b` belongs to another organisation than `member`."""
    return {
        "staff": staff_user,
        "board": board_user,
        "member": member_user,
        "member_b": other_member_user,
        "network_manager": manager_user,
    }


@pytest.fixture
def client_for():
    """`client_for(user)` gives a fresh client signed in as that user (None: anonymous)."""

    def make(user) -> Client:
        client = Client()
        return sign_in(client, user) if user is not None else client

    return make


@pytest.fixture
def staff_client(staff_user, client_for):
    return client_for(staff_user)
