"""The German catalogue is complete and used: German by default, English on request, formal mails.

The catalogue test parses the committed .po file; the completeness test extracts the messages
afresh with `makemessages` (GNU gettext) from a copy of the source tree and looks each of them up.
"""

import os
import re
import shutil
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import allauth
import polib
import pytest
import rest_framework
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real
from django_tasks.base import TaskResultStatus

from innonet.core import third_party_strings
from tests.factories import CompetenceFactory, UserFactory

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_PATH = LOCALE_DIR / "de" / "LC_MESSAGES" / "django.po"
# %(name)s style and positional %s/%d; "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXr]|%%")
INFORMAL = re.compile(
    r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure|euren|eurem|eurer"
    r"|hallo)\b",
    re.IGNORECASE,
)
# Imperatives addressed to "du" ("Gib … ein", "Stelle sicher", "Lade … hoch").
INFORMAL_IMPERATIVE = re.compile(
    r"^(?:Bitte )?(?:Gib|Stelle sicher|Lade|Prüfe|Überprüfe|Wähle|Bestätige|Klicke?|Melde)\b"
    r"|\. (?:Gib|Prüfe|Überprüfe|Wähle|Bestätige|Klicke?|Melde)\b",
    re.MULTILINE,
)
# The formal "Sie" written lower case after a verb that opens a question or request
# ("Wen sollten sie kennenlernen?", "Bitte geben sie ... ein").
LOWER_CASE_SIE = re.compile(
    r"\b(?:können|könnten|möchten|haben|hätten|sind|wären|werden|würden|sollten|müssen|wollen"
    r"|dürfen|geben|wählen|prüfen|melden|bestätigen|stornieren|wenden|sehen)\s+sie\b"
)


def load_catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def placeholders(text: str) -> Counter:
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text) if m.group(0) != "%%")


def visible_text(response) -> str:
    """The text a reader sees (tags and scripts removed), for checks on the language."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", page))


def key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """Compile the .mo if it is missing or older than the .po, and drop cached catalogues."""
    mo_path = PO_PATH.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < PO_PATH.stat().st_mtime:
        call_command("build_catalogues", verbosity=0)
        # What Django itself does when LOCALE_PATHS change under a test.
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = trans_real.Local()


# The catalogue file ----------------------------------------------------------------------------


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = load_catalogue()
    assert len(catalogue) > 0
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "de"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=2;")


def test_translations_keep_every_placeholder():
    problems = []
    for entry in load_catalogue().translated_entries():
        if entry.msgid_plural:
            # German has two forms like English: singular from msgid, plural from msgid_plural.
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if placeholders(source) != placeholders(translated):
                problems.append((source, translated))
    assert problems == []


def test_placeholder_check_notices_a_lost_or_renamed_placeholder():
    assert placeholders("Page %(number)s of %(total)s") == placeholders(
        "Seite %(number)s von %(total)s"
    )
    assert placeholders("Page %(number)s of %(total)s") != placeholders("Seite %(number)s")
    assert placeholders("%(name)s was saved") != placeholders("%(namen)s wurde gespeichert")
    assert placeholders("100%% of %d") == placeholders("%d zu 100%%")


def test_the_catalogue_contains_every_message_the_sources_mark(tmp_path, monkeypatch):
    tools = [shutil.which(name) for name in ("xgettext", "msguniq", "msgmerge")]
    if not all(tools):
        if os.environ.get("INNONET_REQUIRE_GETTEXT") == "1":
            pytest.fail("GNU gettext (xgettext, msguniq, msgmerge) is required but not installed")
        pytest.skip("GNU gettext (xgettext) is not installed; install the gettext package")

    source = Path(settings.BASE_DIR)
    copy = tmp_path / "innonet"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.po", "*.mo"))
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        for domain in ("django", "djangojs"):
            call_command(
                "makemessages",
                locale=["de"],
                domain=domain,
                no_location=True,
                ignore_patterns=["*/migrations/*"],
                verbosity=0,
            )

    fresh = {
        path.name: polib.pofile(str(path))
        for path in (copy / "locale" / "de" / "LC_MESSAGES").glob("*.po")
    }
    assert "django.po" in fresh, "makemessages extracted nothing"
    for name, extracted in fresh.items():
        committed_path = PO_PATH.with_name(name)
        committed = (
            {key(e) for e in polib.pofile(str(committed_path))}
            if committed_path.exists()
            else set()
        )
        missing = sorted(key(e) for e in extracted if key(e) not in committed)
        assert missing == [], f"run makemessages and translate: {name} lacks {missing}"


def translations(entry: polib.POEntry) -> list[str]:
    return [entry.msgstr, *entry.msgstr_plural.values()]


def test_our_catalogue_addresses_people_formally():
    informal, lower_case = [], []
    for entry in load_catalogue().translated_entries():
        for text in translations(entry):
            if INFORMAL.search(text):
                informal.append(text)
            if LOWER_CASE_SIE.search(text):
                lower_case.append(text)
    assert informal == []
    assert lower_case == []


def test_formality_checks_notice_the_slips_they_are_for():
    assert INFORMAL.search("Bitte melde dich an.") and INFORMAL.search("Hallo von innonet!")
    assert LOWER_CASE_SIE.search("Wen sollten sie kennenlernen?")
    assert not LOWER_CASE_SIE.search("Wen sollten Sie kennenlernen?")
    assert not INFORMAL.search("Bitte melden Sie sich an.")


def package_catalogues() -> list[Path]:
    """The German catalogue of Django and of every installed app that ships one."""
    from django.apps import apps

    roots = [Path(translation.__file__).parents[2] / "conf"]
    roots += [Path(app.path) for app in apps.get_app_configs()]
    found = []
    for root in roots:
        folder = root / "locale" / "de" / "LC_MESSAGES"
        # Some packages (Django REST framework) ship only the compiled catalogue.
        for path in (folder / "django.po", folder / "django.mo"):
            if path.exists() and settings.BASE_DIR not in path.parents:
                found.append(path)
                break
    return sorted(found)


def read_catalogue(path: Path) -> polib._BaseFile:
    return polib.mofile(str(path)) if path.suffix == ".mo" else polib.pofile(str(path))


def addresses_informally(text: str) -> bool:
    return bool(INFORMAL.search(text) or INFORMAL_IMPERATIVE.search(text))


def test_no_package_text_we_show_addresses_people_informally():
    """Django's and every installed package's German as the pages get it: where a package says
    "du", core/third_party_strings.py must give our formal text precedence."""
    catalogues = package_catalogues()
    assert any("allauth" in str(path) for path in catalogues)
    assert any("rest_framework" in str(path) for path in catalogues)
    slips = []
    with translation.override("de"):
        for path in catalogues:
            for entry in read_catalogue(path).translated_entries():
                if not any(addresses_informally(text) for text in translations(entry)):
                    continue
                if entry.msgid_plural:
                    shown = [
                        translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)
                    ]
                elif entry.msgctxt:
                    shown = [translation.pgettext(entry.msgctxt, entry.msgid)]
                else:
                    shown = [translation.gettext(entry.msgid)]
                if any(addresses_informally(text) for text in shown):
                    slips.append((path.parts[-5], entry.msgid))
    assert slips == []


def test_third_party_msgids_we_translate_are_still_used_by_the_packages():
    """An upgrade that rewords allauth's texts would silently bring back its own wording."""
    allauth_po = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
    allauth_ids = {e.msgid for e in polib.pofile(str(allauth_po))}
    assert [m for m in third_party_strings.ALLAUTH_MSGIDS if m not in allauth_ids] == []
    drf_mo = Path(rest_framework.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.mo"
    drf_ids = {e.msgid for e in polib.mofile(str(drf_mo))}
    assert [m for m in third_party_strings.DRF_MSGIDS if m not in drf_ids] == []
    with translation.override("en"):
        ours = {str(label) for label in third_party_strings.TASK_STATUS_MSGIDS}
        theirs = {str(status.label) for status in TaskResultStatus}
    assert ours == theirs


# Pages -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_start_and_login_pages_are_german_by_default(client):
    start = client.get("/")
    assert start.status_code == 200
    assert start["Content-Language"] == "de"
    assert '<html lang="de"' in start.content.decode()
    text = visible_text(start)
    for word in ("Anmelden", "Sprache", "Das Netzwerk verbindet Unternehmen"):
        assert word in text

    login = client.get(reverse("account_login"))
    text = visible_text(login)
    for word in ("E-Mail-Adresse", "Passwort", "Passwort vergessen?", "Geschäftsstelle"):
        assert word in text
    assert "Sign in" not in text
    assert "Password" not in text


@pytest.mark.django_db
def test_staff_pages_are_german(staff_client):
    text = visible_text(staff_client.get(reverse("core:taxonomy_index")))
    for word in ("Taxonomien", "Begriffe", "RIS3-Felder", "Kompetenzen", "Landkreise", "Länder"):
        assert word in text
    assert "Taxonomies" not in text

    tokens = visible_text(staff_client.get(reverse("accounts:token_list")))
    for word in ("Token erstellen", "Berechtigungsumfang", "Abmelden"):
        assert word in tokens

    # django-tasks has no German catalogue; ours supplies its task states.
    tasks = visible_text(staff_client.get(reverse("core:task_list")))
    for status in ("Bereit", "Läuft", "Fehlgeschlagen", "Erfolgreich"):
        assert status in tasks


@pytest.mark.django_db
def test_form_errors_are_german(staff_client):
    existing = CompetenceFactory()
    url = reverse("core:taxonomy_create", kwargs={"kind": "competences"})
    data = {"name": existing.name.upper(), "parent": "", "synonyms": "Roboter\nroboter"}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    text = visible_text(response)
    assert f"„{existing.name.upper()}“ ist bereits vorhanden" in text
    assert "already exists" not in text


def switch_language(client, language: str, next_url: str, **extra):
    return client.post(reverse("set_language"), {"language": language, "next": next_url}, **extra)


@pytest.mark.django_db
def test_english_after_switching_the_language(client, staff_client):
    response = switch_language(client, "en", "/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    start = client.get("/")
    assert start["Content-Language"] == "en"
    text = visible_text(start)
    assert "Sign in" in text
    assert "The network connects companies" in text
    assert "Anmelden" not in text

    login = visible_text(client.get(reverse("account_login")))
    assert "Forgot your password?" in login
    assert "Passwort" not in login

    taxonomies = reverse("core:taxonomy_index")
    assert switch_language(staff_client, "en", taxonomies)["Location"] == taxonomies
    text = visible_text(staff_client.get(taxonomies))
    assert "Taxonomies" in text
    assert "Begriffe" not in text

    # And back.
    switch_language(staff_client, "de", taxonomies)
    assert "Begriffe" in visible_text(staff_client.get(taxonomies))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://evil.example/accounts/login/",
        "javascript:alert(1)",
    ],
)
def test_language_switch_never_redirects_off_site(client, next_url):
    response = switch_language(client, "en", next_url, HTTP_REFERER="https://evil.example/page")
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.scheme == ""
    assert location.netloc == ""
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
    # The switch itself still happened.
    assert client.get("/")["Content-Language"] == "en"


@pytest.mark.django_db
def test_unknown_language_is_ignored(client):
    response = switch_language(client, "xx", "/")
    assert response.status_code == 302
    start = client.get("/")
    assert start.status_code == 200
    assert start["Content-Language"] == "de"


# Mails -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_mail_is_german_and_formal(client):
    user = UserFactory(role="member", language="de")
    page = client.get(reverse("account_reset_password"))
    assert not INFORMAL.search(visible_text(page))

    with TestCase.captureOnCommitCallbacks(execute=True):  # the outbox sends after the commit
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Passwort" in message.subject
    assert "Sie erhalten diese E-Mail" in message.body
    assert "You're receiving" not in message.body
    assert not INFORMAL.search(message.subject + message.body)

    done = client.get(response["Location"])
    assert "Wir haben Ihnen eine E-Mail gesendet" in visible_text(done)


@pytest.mark.django_db
def test_password_reset_mail_is_english_for_an_english_speaker(client):
    user = UserFactory(role="member", language="en")
    switch_language(client, "en", "/")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert "Password Reset" in mail.outbox[0].subject
    assert "You're receiving this email" in mail.outbox[0].body
