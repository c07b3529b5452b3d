"""Links in mails point to the server `serve` runs, on whatever port it binds, unless
`SITE_URL` names the public address explicitly (`make run PORT=8100` must work end to end)."""

import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from innonet.core.management.commands.serve import Command, served_site_url

from .serving import PROJECT, Served, serve_env, wait_for


@pytest.mark.parametrize(
    ("host", "port", "url"),
    [
        ("127.0.0.1", 8100, "http://127.0.0.1:8100"),
        ("localhost", 8000, "http://localhost:8000"),
        ("0.0.0.0", 8080, "http://127.0.0.1:8080"),  # noqa: S104 - all interfaces
        ("::", 8080, "http://127.0.0.1:8080"),
        ("::1", 9000, "http://[::1]:9000"),
    ],
)
def test_the_default_site_url_is_the_bound_address(host, port, url):
    assert served_site_url(host, port) == url


def test_an_explicit_site_url_wins_over_the_port(monkeypatch, tmp_path):
    command = Command()
    command.site_url = "http://127.0.0.1:8100"
    command.metrics_dir = str(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://innonet.example.org")
    assert command.child_env()["SITE_URL"] == "https://innonet.example.org"
    monkeypatch.delenv("SITE_URL")
    assert command.child_env()["SITE_URL"] == "http://127.0.0.1:8100"


def create_event(var_dir) -> int:
    script = (
        "from django.core.management import call_command; call_command('createcachetable'); "
        "from tests.factories import EventFactory; print(EventFactory().pk)"
    )
    done = subprocess.run(
        [sys.executable, "-m", "django", "shell", "-c", script],
        cwd=PROJECT, env=serve_env(var_dir), check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return int(done.stdout.decode().strip().splitlines()[-1])


def register(served: Served, event_pk: int) -> int:
    """Fill in the public registration form like a browser: cookie, CSRF token, post."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    address = f"{served.url}/veranstaltungen/{event_pk}/anmelden/"
    with opener.open(address, timeout=30) as response:
        page = response.read().decode()
    [token] = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[:1]
    form = {
        "csrfmiddlewaretoken": token,
        "first_name": "Jörg",
        "last_name": "Weiß",
        "email": "joerg.weiss@agrar-os.de",
        "language": "de",
        "consent": "on",
        "colleagues-TOTAL_FORMS": "0",
        "colleagues-INITIAL_FORMS": "0",
    }
    request = urllib.request.Request(  # noqa: S310 - our own local server
        address, data=urllib.parse.urlencode(form).encode(), headers={"Referer": address}
    )
    with opener.open(request, timeout=30) as response:
        return response.status


def test_a_serve_on_another_port_sends_confirmation_links_to_that_port(migrated_var_dir):
    event_pk = create_event(migrated_var_dir)
    # DEBUG only spares collecting the static files; mails go to the worker's stdout.
    served = Served(
        migrated_var_dir, "--workers", "1", "--threads", "2",
        DEBUG="true", EMAIL_URL="console:", SITE_URL="",
    )  # fmt: skip
    assert served.port != 8000
    try:
        served.wait_until_serving()
        assert register(served, event_pk) == 200  # redirected to "check your mail"
        wait_for(lambda: "/anmeldung/bestaetigen/" in served.output(), "the confirmation mail")
    finally:
        output = served.stop()
    links = re.findall(r"https?://[^/\s]+/anmeldung/(?:bestaetigen|absagen)/", output)
    assert links
    assert {link.split("/anmeldung/")[0] for link in links} == {served.url}
