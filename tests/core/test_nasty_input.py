"""Every field of every form on every page takes the nasty-string corpus (item 13).

The forms are found by rendering each page in the route table for staff and for a member,
so a new form is covered without anyone listing it. Expectation: never a server error, the
injection markers never come back unescaped, redirects stay on this site.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

from tests.core.test_access_table import TABLE, objs  # noqa: F401 - objs is a fixture
from tests.nasty import NASTY_STRINGS, SCRIPT_MARKER, assert_no_raw_markers

# Each corpus string goes into all fields at once. Then the sharpest strings go into each field
# alone, with valid values around it, so that they pass the form and reach the service: for a
# text field markup, NUL with CRLF, and a lone surrogate in overlong text (every text field
# refuses control characters at the model, so one string carries several of them), plus an
# overflowing number for fields that hold numbers as text. A field that only takes a number, a
# date or a choice refuses these strings at the form, as the all-fields posts already show;
# alone it gets one invalid value, which proves that the form's own checks cope with one
# missing field.
SHARP_FOR_TEXT = [SCRIPT_MARKER, "a\x00b\r\nBcc: a@b.c", "\ud800" + "x" * 10_000, "1e309"]
SHARP_FOR_NUMBER = ["1e309"]
SHARP_FOR_OTHER = [SCRIPT_MARKER]
TEXT_INPUTS = {"text", "search", "tel", "hidden", "textarea"}

# Forms that end the session or need a fresh re-authentication are exercised elsewhere.
SKIP_ACTIONS = {"/accounts/logout/"}


class FormParser(HTMLParser):
    """Collects the POST forms of a page with their fields and default values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}, "kinds": {}}
            self.forms.append(self._current)
        elif self._current is None or ("name" not in attrs and tag != "option"):
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            self._current["kinds"][attrs["name"]] = attrs.get("type") or "text"
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                self._current["fields"].setdefault(attrs["name"], "")
            else:
                self._current["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self._current["kinds"][attrs["name"]] = "textarea"
            self._current["fields"][attrs["name"]] = ""
        elif tag == "select":
            self._current["kinds"][attrs["name"]] = "select"
            self._select = attrs["name"]
            self._current["fields"].setdefault(attrs["name"], "")
        elif tag == "option" and self._select and self._current is not None:
            fields = self._current["fields"]
            if not fields[self._select] or "selected" in attrs:
                fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def forms_on(client, url: str) -> list[dict]:
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser()
    parser.feed(response.content.decode())
    for form in parser.forms:
        form["action"] = form["action"] or url
    return [form for form in parser.forms if form["action"] not in SKIP_ACTIONS]


def sharp_for(kind: str) -> list[str]:
    if kind in TEXT_INPUTS:
        return SHARP_FOR_TEXT
    return SHARP_FOR_NUMBER if kind == "number" else SHARP_FOR_OTHER


FORM = "application/x-www-form-urlencoded"


def encode_form(data: dict) -> str:
    """Encode like a browser would, including bytes that are not valid UTF-8 (lone surrogates)."""
    return urlencode(data, encoding="utf-8", errors="surrogatepass")


def post_nasty(client, form: dict) -> int:
    """Send the corpus through every field; returns how many posts were made.

    Each corpus string goes into all fields at once, and the sharpest strings also go into
    each field alone (see SHARP_FOR_TEXT)."""
    fields = [name for name in form["fields"] if name != "csrfmiddlewaretoken"]
    variants = [dict.fromkeys(fields, value) for value in NASTY_STRINGS]
    variants += [{field: value} for field in fields for value in sharp_for(form["kinds"][field])]
    for changes in variants:
        data = {**form["fields"], **changes}
        response = client.post(form["action"], encode_form(data), content_type=FORM)
        detail = (form["action"], sorted(changes)[:3], str(next(iter(changes.values()), ""))[:40])
        assert response.status_code < 500, detail
        assert_no_raw_markers(response.content.decode(errors="replace"))
        if response.status_code in (301, 302):
            location = urlsplit(response["Location"])
            assert location.netloc in ("", "testserver"), (detail, location)
    return len(variants)


# The pages are walked in slices, so that parallel test workers share the work evenly (in one
# piece, the staff walk alone took two minutes). All pages of one route are in the same slice,
# so a form that several of them show (the edit form of each project in the table) is posted
# once. A form on every page (the language switch) is posted once per slice.
SLICES = 6
PAGES_BY_ROUTE: dict[str, list] = {}
for route in TABLE:
    if route.method == "GET":
        PAGES_BY_ROUTE.setdefault(route.name, []).append(route)
ROUTE_GROUPS = list(PAGES_BY_ROUTE.values())


@pytest.mark.parametrize("part", range(SLICES))
@pytest.mark.parametrize("role", ["staff", "member"])
def test_every_form_field_survives_the_corpus(role, part, objs, client_for):  # noqa: F811
    client = client_for(objs[role])
    seen_actions: set[str] = set()
    posts = 0
    for route in [route for group in ROUTE_GROUPS[part::SLICES] for route in group]:
        url = reverse(route.name, kwargs=route.kwargs(objs))
        for form in forms_on(client, url):
            shape = re.sub(r"\d+", "N", form["action"])  # one toggle form per list is enough
            if shape in seen_actions:
                continue
            seen_actions.add(shape)
            posts += post_nasty(client, form)
            client = client_for(objs[role])  # a form may have changed the session (language)
    assert posts > 0 and seen_actions, "no forms found: the walker is broken"


def test_anonymous_forms_survive_the_corpus(db, client):
    posts = 0
    for url in (
        reverse("account_login"),
        reverse("account_reset_password"),
        reverse("reporting:home"),
    ):
        for form in forms_on(client, url):
            posts += post_nasty(client, form)
    assert posts > 0
