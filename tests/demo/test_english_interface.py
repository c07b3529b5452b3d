"""The English interface is complete: every page a role reaches by links on the demo network,
read in English, shows none of the interface's German texts.

The German texts are the catalogue's own translations of three words or more (so that the
demo's German data, "neuer Aufruf", does not count); one page per URL name, as a person
reaches them by clicking from the start page. A German text on an English page means a
string that escaped gettext: hard-coded, translated once at import time, or cached in the
language of whoever asked first. The German side is the catalogue test in tests/core/test_i18n.py.
"""

import re
from collections import deque
from html import unescape

import polib
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.core.test_i18n import PO_PATH

from .conftest import demo_loaded_once
from .test_demo_reachability import Clickables, on_site, view_name

pytestmark = pytest.mark.django_db

loaded = demo_loaded_once(seed=11)

CLICKS = 3
LOGINS = {
    "member": "mitglied@innonet.example",
    "network_manager": "netzwerk@innonet.example",
    "board": "vorstand@innonet.example",
    "staff": "stab@innonet.example",
}
# Texts shown in their own language on purpose: the language switch names each language in
# itself ("Deutsch" on an English page).
OWN_LANGUAGE = {"Deutsch"}
# Records written in one language by the office, shown as they are: the legal pages (the
# binding German text).
ONE_LANGUAGE_RECORDS = {"core:privacy", "core:imprint"}
# Attributes a reader (or a screen reader) meets as text.
TEXT_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')


def german_interface_texts() -> set[str]:
    """The catalogue's German texts of three words or more that differ from their English."""
    texts = set()
    for entry in polib.pofile(str(PO_PATH)).translated_entries():
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        english = f"{entry.msgid} {entry.msgid_plural or ''}"
        for text in translations:
            text = re.sub(r"<[^>]*>|%(\(\w+\))?[sd]|\{[^}]*\}", "\0", text).replace("%%", "%")
            for part in text.split("\0"):
                part = " ".join(part.split()).strip(" .,:;()\u2013-")
                if len(part.split()) >= 3 and part not in english and not part.isupper():
                    texts.add(part)
    return texts


def shown_text(html: str) -> str:
    """What a reader meets: the text between tags and the text attributes, one space apart."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attributes = " ".join(TEXT_ATTRIBUTES.findall(page))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes).split())


def pages(client, start: str) -> dict[str, tuple[str, str]]:
    """URL name -> (path, HTML) of the first page of each name reached by links."""
    found: dict[str, tuple[str, str]] = {}
    queue = deque([(start, 0)])
    seen = {start}
    while queue:
        path, depth = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        html = response.content.decode()
        found.setdefault(view_name(path) or path, (path, html))
        if depth == CLICKS:
            continue
        links = Clickables()
        links.feed(html)
        for link in on_site(path, links.links):
            name = view_name(link)
            if link in seen or name is None or name in found:
                continue
            if link.startswith(("/api/", "/admin/", "/static/", "/i18n/")):
                continue
            seen.add(link)
            queue.append((link, depth + 1))
    return found


def recorded_texts() -> list[str]:
    """Texts stored with the records and shown verbatim: an event's consent text is the
    version participants agree to, in the language the organiser wrote it in."""
    from innonet.events.models import Event

    return sorted(
        {
            " ".join(text.split())
            for text in Event.objects.values_list("consent_text", flat=True)
            if text
        },
        key=len,
        reverse=True,
    )


PUNCTUATION = ".,:;!?()[]\"'\u201e\u201c\u2013-"


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(word.strip(PUNCTUATION) for word in words[:3])


def german_on(html: str, texts: set[str], recorded: list[str] = ()) -> list[str]:
    """The German texts on the page: candidates by their first three words (one pass over
    the page instead of a search for each of the catalogue's thousands of texts), then each
    candidate as whole words."""
    text = shown_text(html)
    for record in recorded:
        text = text.replace(record, " ")
    words = text.split()
    on_page = {_key(words[at : at + 3]) for at in range(len(words))}
    return sorted(
        german
        for german in texts
        if _key(german.split()) in on_page
        and german not in OWN_LANGUAGE
        and re.search(rf"(?<!\w){re.escape(german)}(?!\w)", text)
    )


@pytest.fixture(autouse=True)
def cache_table(db):
    """Rate limits live in the database cache."""
    call_command("createcachetable", verbosity=0)


@pytest.fixture(scope="module")
def texts():
    return german_interface_texts()


def test_the_check_knows_the_interfaces_german_and_spots_it(texts):
    german = "Eine deutsche USt-IdNr. besteht aus DE und neun Ziffern"
    assert german in texts
    assert german_on(f"<p>Fehler: <b>{german}</b>.</p>", texts)
    assert german_on(f'<a title="{german}.">x</a>', texts)
    assert not german_on("<p>A German VAT id is DE followed by nine digits.</p>", texts)


# The interface's language does not depend on the database: the walk (minutes) runs once, in
# the SQLite run of the suite.
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the walk runs in the SQLite run")
@pytest.mark.parametrize("role", ["anonymous", "member", "network_manager", "board", "staff"])
def test_every_page_a_role_reaches_reads_english(loaded, client_for, texts, role):
    user = None
    if role != "anonymous":
        user = get_user_model().objects.get(email=LOGINS[role])
    client = client_for(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    found = pages(client, reverse("reporting:home"))
    assert len(found) > 5
    recorded = recorded_texts()
    german = {
        f"{name} {path}": words
        for name, (path, html) in found.items()
        if name not in ONE_LANGUAGE_RECORDS and (words := german_on(html, texts, recorded))
    }
    assert german == {}, f"German text on English pages for {role}: {german}"
