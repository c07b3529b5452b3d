"""Production configuration: Django's deploy checklist is clean, migrations match the models."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Variables a developer's shell may carry that would make this not a production setup.
CLEARED = ("DEBUG", "HTTPS", "HSTS_SECONDS", "TASKS_BACKEND", "SQLITE_TEST_NAME")


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="innonet.example.org",
        VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="innonet.settings",
    )
    # The same database kind the suite runs on: PostgreSQL in CI's second run, else a file.
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_deploy_check_is_clean_with_production_variables(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_catches_a_weak_secret_key(production_env):
    production_env["SECRET_KEY"] = "short"
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_missing_secret_key_in_production_is_an_error(production_env):
    production_env["SECRET_KEY"] = ""
    production_env["DATABASE_URL"] = "postgres://innonet@db.invalid/innonet"
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_models_and_migrations_agree(production_env):
    result = manage(production_env, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
