"""Tokens never appear in logs (RELIABILITY item 43): every URL pattern that carries a secret
is found from the URL configuration and masked in gunicorn's access log, Django's log lines and
error reports; a new URL parameter that nobody classified fails the suite."""

import re
import secrets
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import path, reverse
from django.views.debug import get_exception_reporter_class

from innonet.core.logsafety import (
    MASK,
    SECRET_QUERY_PARAMETERS,
    SECRET_URL_PARAMETERS,
    TOKEN_LIKE,
    mask_text,
    unclassified_url_parameters,
    url_parameters,
)

from .serving import Served

SOURCE = Path(__file__).resolve().parents[2] / "src" / "innonet"


def view(request, **kwargs):
    return HttpResponse("ok")


# A URL configuration with a route somebody might add next.
urlpatterns = [
    path("neu/<str:signature>/", view, name="new_signed"),
    path("anders/<str:token>/", view, name="new_token"),
]


def test_every_url_parameter_is_classified_as_secret_or_public():
    assert unclassified_url_parameters() == []


def test_a_new_token_like_parameter_fails_the_classification():
    assert unclassified_url_parameters(urlpatterns) == [("new_signed", "signature")]


@override_settings(ROOT_URLCONF=__name__)
def test_a_new_route_with_a_secret_parameter_is_masked_without_further_work():
    assert mask_text("GET /anders/Geheim123/ HTTP/1.1") == f"GET /anders/{MASK}/ HTTP/1.1"


def query_names_in_code() -> set[str]:
    """Names the code reads from or writes into query strings."""
    found = set()
    patterns = (
        r"GET(?:\.get|\.getlist)?[\[(]\s*[\"'](\w+)[\"']",
        r"urlencode\(\{\s*[\"'](\w+)[\"']",
        r"[?&](\w+)=\{",
    )
    for file in SOURCE.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        for pattern in patterns:
            found.update(re.findall(pattern, text))
    return found


def test_every_token_like_query_parameter_is_masked():
    names = query_names_in_code()
    assert "token" in names  # the deadline feed; the scan works
    risky = {name for name in names if TOKEN_LIKE.search(name)}
    assert risky <= SECRET_QUERY_PARAMETERS


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        (
            '"GET /anmeldung/bestaetigen/Ab:c-1/ HTTP/1.1" 404 "https://x.example/anmeldung/'
            'absagen/Zz9/?a=1"',
            '"GET /anmeldung/bestaetigen/***/ HTTP/1.1" 404 "https://x.example/anmeldung/'
            'absagen/***/?a=1"',
        ),
        ("/foerderung/fristen.ics?x=1&token=Ab.c", "/foerderung/fristen.ics?x=1&token=***"),
        # An API cursor carries a row's order values, e.g. a person's name.
        ("/api/people/?cursor=eyJAb:1a&page_size=5", "/api/people/?cursor=***&page_size=5"),
        ("/accounts/login/?next=%2Fanmeldung%2Ffeedback%2FAb9%2F", "/accounts/login/?next="),
        ("Not Found: /anmeldung/feedback/Ab9", "Not Found: /anmeldung/feedback/***"),
        ("/accounts/password/reset/key/3-abc-def/", "/accounts/password/reset/key/3-***/"),
        ("/veranstaltungen/12/ and /partners/3/", "/veranstaltungen/12/ and /partners/3/"),
    ],
)
def test_mask_text(line, masked):
    result = mask_text(line)
    assert result.startswith(masked)
    assert "Ab" not in result.replace("Abc", "")


def failing_view(request, token):
    raise ValueError("broken")


def test_error_report_masks_the_address_the_query_and_token_variables():
    # Random and never held in a variable of this frame: the report shows its locals.
    request = RequestFactory().get(
        f"/anmeldung/absagen/{secrets.token_hex(8)}/", {"token": secrets.token_hex(8)}
    )
    request.view_token = secrets.token_hex(8)
    try:
        failing_view(request, token=request.view_token)
    except ValueError:
        reporter = get_exception_reporter_class(request)(request, *sys.exc_info())
        report = reporter.get_traceback_text() + reporter.get_traceback_html()
    for secret in (request.path.split("/")[3], request.GET["token"], request.view_token):
        assert secret not in report
    assert "/anmeldung/absagen/***/" in report


def secret_addresses(marker: str) -> list[str]:
    """One address per URL pattern with a secret, with `marker` as every secret."""
    addresses = []
    for name, _regex, names in url_parameters():
        if names & SECRET_URL_PARAMETERS:
            kwargs = {key: marker if key in SECRET_URL_PARAMETERS else "1" for key in names}
            addresses.append(reverse(name, kwargs=kwargs))
    return addresses


def test_no_token_reaches_gunicorns_or_djangos_log(migrated_var_dir):
    marker = "Geheim" + secrets.token_hex(8)
    addresses = secret_addresses(marker)
    assert len(addresses) >= 6  # confirm, cancel, feedback, feed, password reset, e-mail key
    confirm = reverse("events:registration_confirm", kwargs={"token": marker})
    # DEBUG only spares collecting the static files (minutes); logging is the same without it.
    served = Served(migrated_var_dir, "--no-worker", "--workers", "1", DEBUG="true")
    try:
        served.wait_until_serving()
        for address in addresses:
            served.get(address)
            served.get(address.rstrip("/"))  # a mail program that drops the slash
        served.get(f"{reverse('projects:deadline_feed')}?token={marker}")
        served.get(f"/accounts/login/?next={confirm}")
        served.get("/", headers={"Referer": f"http://127.0.0.1{confirm}"})
    finally:
        output = served.stop()
    assert marker not in output
    access_lines = [line for line in output.splitlines() if '"GET /' in line]
    assert len(access_lines) >= 2 * len(addresses) + 3  # every request was logged
    for address in addresses:
        assert f'"GET {address.replace(marker, MASK)} HTTP/1.1"' in output
    assert "token=***" in output
    assert '"message": "Bad Request: /anmeldung/bestaetigen/***/"' in output  # Django's own
    assert '"http://127.0.0.1/anmeldung/bestaetigen/***/"' in output  # the referer
