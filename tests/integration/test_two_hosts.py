"""Two app servers as two hosts: separate VAR_DIRs (no shared disk), one PostgreSQL database,
uploads on a local S3-compatible server. What one server changes, the other serves; failed
logins on one count on the other (issue 17, "several hosts").

An integration test: it starts real gunicorn servers and an S3 server (about 20-30 s)."""

import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse

from innonet.accounts import services as account_services
from innonet.matching.models import IndexState
from innonet.projects import services as project_services
from innonet.projects.models import ProjectDocument
from tests.accounts.test_lockout import locked_message
from tests.factories import PASSWORD, UserFactory
from tests.ports import free_port
from tests.s3 import local_s3

PROJECT_DIR = Path(__file__).resolve().parents[2]
ACCOUNT_LIMIT = 10  # failed logins per account (RELIABILITY.md item 4)
PUBLIC_HOST = "127.0.0.1"  # the name both servers are reached by, as behind one proxy
PBKDF2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several app servers share one PostgreSQL database; SQLite is one host's file",
    ),
    pytest.mark.django_db(transaction=True),
]


class Host:
    """One gunicorn server with its own VAR_DIR; its log goes to VAR_DIR/server.log."""

    def __init__(self, name: str, var_dir: Path, env: dict[str, str]) -> None:
        self.name, self.var_dir = name, var_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = var_dir / "server.log"
        var_dir.mkdir(parents=True)
        (var_dir / "static").symlink_to(env.pop("_STATIC"))
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "innonet.wsgi:application",
                 "--no-control-socket", "--bind", f"127.0.0.1:{self.port}",
                 "--workers", "2", "--threads", "2"],
                cwd=PROJECT_DIR, env={**env, "VAR_DIR": str(var_dir)},
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait(self) -> None:
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server {self.name} exited:\n{self.log.read_text()[-3000:]}")
            try:
                requests.get(f"{self.url}/healthz", timeout=10)
                return
            except requests.RequestException:
                time.sleep(0.2)
        pytest.fail(f"server {self.name} did not answer within 45 s")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def logged(self, text: str) -> int:
        return self.log.read_text(errors="replace").count(text)


def _database_url() -> str:
    params = connection.settings_dict
    return (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST'] or '127.0.0.1'}"
        f":{params['PORT'] or 5432}/{params['NAME']}"
    )


def _collect_static(target: Path) -> Path:
    """The static files with their manifest (which pages with DEBUG off need), collected once
    for both servers without compressing them (seconds instead of minutes)."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=target, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    return target


@pytest.fixture(scope="module")
def hosts(tmp_path_factory, django_db_setup, django_db_blocker):
    """Servers a and b: one database, one bucket, nothing else in common (started once for
    the tests of this module; each test's rows are removed after it as usual)."""
    tmp_path = tmp_path_factory.mktemp("hosts")
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
    static = _collect_static(tmp_path / "static")
    with local_s3() as s3:
        env = {
            **{k: v for k, v in os.environ.items() if k != "SQLITE_TEST_NAME"},
            **s3.env(),
            "DATABASE_URL": _database_url(),
            "SECRET_KEY": settings.SECRET_KEY,  # sessions made here are valid there
            "DEBUG": "false",
            "HTTPS": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "TASKS_BACKEND": "immediate",  # the refresh runs in the server that made the change
            "LOG_FORMAT": "text",
            "_STATIC": str(static),
        }
        servers = [Host(name, tmp_path / name, dict(env)) for name in ("a", "b")]
        try:
            for server in servers:
                server.wait()
            yield (*servers, s3)
        finally:
            for server in servers:
                server.stop()


def _api(user) -> dict[str, str]:
    _row, plain = account_services.api_token_create(
        user, name="two hosts", scope="write", days=1, acting_user=user
    )
    return {"Authorization": f"Bearer {plain}"}


def _idea(host: Host, headers: dict[str, str], text: str) -> list[str]:
    response = requests.post(
        f"{host.url}/api/matching/ideas/", json={"text": text}, headers=headers, timeout=30
    )
    assert response.status_code == 200, response.text[:500]
    return [row["organisation"]["name"] for row in response.json()["results"]]


def _browser(host: Host, session_key: str) -> requests.Session:
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, session_key, domain="127.0.0.1")
    return browser


def _csrf(browser: requests.Session, url: str) -> str:
    page = browser.get(url, timeout=30)
    assert page.status_code == 200, page.status_code
    return CSRF_FIELD.search(page.text).group(1)


def test_a_change_on_one_server_is_served_by_the_other(hosts, staff_user, staff_client):
    a, b, s3 = hosts
    staff = staff_user
    headers = _api(staff)

    # The registry: written through a, read through b.
    assert _idea(a, headers, "Laserschweißen von Aluminium") == []
    assert _idea(b, headers, "Laserschweißen von Aluminium") == []  # b builds its own copy
    build = IndexState.objects.get().build_id
    created = requests.post(
        f"{a.url}/api/organisations/",
        json={"name": "Fügetechnik Hasetal GmbH", "kind": "sme", "description":
              "Laserschweißen von Aluminium im Fahrzeugbau"},
        headers=headers, timeout=30,
    )  # fmt: skip
    assert created.status_code == 201, created.text[:500]
    pk = created.json()["id"]
    seen = requests.get(f"{b.url}/api/organisations/{pk}/", headers=headers, timeout=30)
    assert seen.status_code == 200
    assert seen.json()["name"] == "Fügetechnik Hasetal GmbH"

    # Matching: b's own index follows the change recorded by a, without a new shared build.
    assert _idea(b, headers, "Laserschweißen von Aluminium") == ["Fügetechnik Hasetal GmbH"]
    assert _idea(a, headers, "Laserschweißen von Aluminium") == ["Fügetechnik Hasetal GmbH"]
    state = IndexState.objects.get()
    assert state.build_id == build, "no host made the others rebuild"
    assert (a.var_dir / "matching-index.pickle").exists()
    assert (b.var_dir / "matching-index.pickle").exists()

    # An upload through a, downloaded through b; the file lives in the bucket, on no host.
    project = project_services.project_create(
        data={"title": "Leichtbau-Rahmen", "confidentiality": "partners"}, acting_user=staff
    )
    session = staff_client.session.session_key
    browser = _browser(a, session)
    token = _csrf(browser, f"{a.url}{reverse('projects:project_detail', args=[project.pk])}")
    uploaded = browser.post(
        f"{a.url}{reverse('projects:document_add', args=[project.pk])}",
        data={"csrfmiddlewaretoken": token, "document-kind": "other"},
        files={"document-file": ("Skizze.pdf", b"%PDF-1.7 Rahmen", "application/pdf")},
        headers={"Referer": a.url},
        allow_redirects=False,
        timeout=30,
    )
    assert uploaded.status_code == 302, uploaded.text[:2000]
    document = ProjectDocument.objects.get()
    assert s3.object_keys() == [document.file.name]
    assert not (a.var_dir / "media").exists()

    download = _browser(b, session).get(
        f"{b.url}{reverse('projects:document_download', args=[document.pk])}", timeout=30
    )
    assert download.status_code == 200
    assert download.content == b"%PDF-1.7 Rahmen"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    stranger = requests.get(
        f"{b.url}{reverse('projects:document_download', args=[document.pk])}",
        allow_redirects=False,
        timeout=30,
    )
    assert stranger.status_code in (302, 403, 404), "only through the checked view"


def _login(host: Host, email: str, password: str, *, public_host: str | None = PUBLIC_HOST):
    """Sign in through `host`, addressed as `public_host` (as a load balancer in front passes
    the site's name to every server; None: the server's own address and port)."""
    browser = requests.Session()
    if public_host:
        browser.headers["Host"] = public_host
    url = f"{host.url}{reverse('account_login')}"
    token = _csrf(browser, url)
    return browser.post(
        url,
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )


def _member():
    """A member whose password the servers can check (the tests' own hasher is a fast one)."""
    user = UserFactory(role="member")
    with override_settings(PASSWORD_HASHERS=[PBKDF2]):
        user.password = make_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_failed_logins_on_one_server_count_on_the_other(hosts):
    a, b, _s3 = hosts
    assert _login(b, _member().email, PASSWORD).status_code == 302, "the right password works"
    user = _member()
    # Each server is reached under its own address and port: the count is the account's.
    for attempt in range(ACCOUNT_LIMIT):
        server = a if attempt % 2 else b
        refused = _login(server, user.email, "falsch-falsch-falsch", public_host=None)
        assert refused.status_code == 200  # the form again, with its error

    for host in (a, b):
        locked = _login(host, user.email, PASSWORD, public_host=None)
        assert locked.status_code == 200, "the right password is refused while locked"
        assert html.escape(locked_message()) in locked.text
        assert settings.SESSION_COOKIE_NAME not in locked.cookies
