"""The database goes away: a 503 page meanwhile, and no errors once it is back."""

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.ports import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does when the server is gone; `up()` brings it back."""

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", fail)
    monkeypatch.setattr(CursorWrapper, "executemany", fail)
    return monkeypatch.undo


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/", "/healthz", "/api/ris3-fields/"])
def test_database_down_answers_503_with_retry_after_and_request_id(settings, database_down, path):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    request_id = response["X-Request-ID"]
    assert request_id
    body = response.content.decode()
    assert request_id in body
    assert "Traceback" not in body
    assert "OperationalError" not in body


@pytest.mark.django_db(transaction=True)
def test_requests_succeed_again_once_the_database_is_back(settings, database_down):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    assert client.get("/healthz").status_code == 503
    database_down()  # the server is back
    assert [client.get("/healthz").status_code for _ in range(3)] == [200, 200, 200]
    assert client.get("/").status_code == 200


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def gunicorn_on_test_database(tmp_path):
    """gunicorn (1 process, 2 threads, persistent connections) on the test database."""
    params = connection.settings_dict
    port = free_port()
    url = (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST'] or '127.0.0.1'}"
        f":{params['PORT'] or 5432}/{params['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(tmp_path),
        "CONN_MAX_AGE": "60",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "innonet.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--threads", "2", "--no-control-socket"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(f"{base}/healthz")
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read().decode())
            time.sleep(0.2)
    yield base
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_killed_connections_cause_no_errors(gunicorn_on_test_database):
    base = gunicorn_on_test_database
    urls = [f"{base}/healthz", f"{base}/api/ris3-fields/"]
    for _ in range(10):  # every thread now holds a persistent connection
        assert [_get(url) for url in urls] == [200, 200]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        killed = len(cursor.fetchall())
    assert killed >= 1

    statuses = [_get(url) for _ in range(20) for url in urls]
    assert statuses == [200] * len(statuses)
