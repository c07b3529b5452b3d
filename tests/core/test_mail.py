"""The mail composer every app uses: one-line subjects, the automatic-mail headers, plain text
and HTML from one base template with the same absolute links, in the recipient's language."""

import copy

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innonet.core import mail

CHILD_TEXT = (
    '{% extends "core/mail/base.txt" %}{% load i18n %}{% block content %}'
    '{% trans "Add to your calendar" %}: {{ url }}\n{% endblock %}'
)
CHILD_HTML = (
    '{% extends "core/mail/base.html" %}{% load i18n %}{% block title %}{{ title }}{% endblock %}'
    '{% block content %}<p><a href="{{ url }}">{% trans "Add to your calendar" %}</a></p>'
    "{% endblock %}"
)


def _templates() -> list[dict]:
    templates = copy.deepcopy(settings.TEMPLATES)
    options = templates[0].setdefault("OPTIONS", {})
    templates[0]["APP_DIRS"] = False
    options["loaders"] = [
        (
            "django.template.loaders.locmem.Loader",
            {"test/mail.txt": CHILD_TEXT, "test/mail.html": CHILD_HTML},
        ),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return templates


@pytest.fixture(autouse=True)
def test_templates():
    with override_settings(TEMPLATES=_templates(), SITE_URL="https://innonet.example.org"):
        yield


def compose(**overrides):
    values = {
        "to": "ada@example.org",
        "language": "en",
        "subject": _("Reminder: %(event)s tomorrow"),
        "subject_values": {"event": "Sensorik"},
        "context": {"url": mail.link("events:event_detail", 7), "title": "Sensorik"},
    }
    return mail.compose("test/mail", **{**values, **overrides})


def html_of(message) -> str:
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


def test_a_subject_with_line_breaks_becomes_one_short_line():
    message = compose(
        subject_values={"event": "Sensorik\r\nBcc: opfer@example.org\tund " + "x" * 300}
    )
    assert "\r" not in message.subject and "\n" not in message.subject
    assert message.subject.startswith("Reminder: Sensorik Bcc: opfer@example.org und x")
    assert len(message.subject) == mail.SUBJECT_MAX_LENGTH
    assert message.bcc == [] and message.to == ["ada@example.org"]
    assert message.message()["Bcc"] is None


def test_the_automatic_mail_headers_and_extra_ones_are_present():
    unsubscribe = "<https://innonet.example.org/abmelden/abc/>"
    message = compose(headers={"List-Unsubscribe": unsubscribe}, reply_to=["buero@example.org"])
    sent = message.message()
    assert sent["Auto-Submitted"] == "auto-generated"
    assert sent["X-Auto-Response-Suppress"] == "OOF, AutoReply"
    assert sent["List-Unsubscribe"] == unsubscribe
    assert sent["Reply-To"] == "buero@example.org"


def test_a_header_with_a_line_break_is_refused():
    with pytest.raises(ValueError, match="List-Unsubscribe"):
        compose(headers={"List-Unsubscribe": "<https://x/>\r\nBcc: opfer@example.org"})


def test_plain_text_and_html_carry_the_same_absolute_link():
    message = compose()
    url = "https://innonet.example.org/veranstaltungen/7/"
    assert f"Add to your calendar: {url}" in message.body
    assert f'<a href="{url}">Add to your calendar</a>' in html_of(message)
    assert '<html lang="en">' in html_of(message)


def test_everything_is_rendered_in_the_recipients_language():
    message = compose(language="de")
    assert message.subject == "Erinnerung: Sensorik morgen"
    assert "In Ihren Kalender übernehmen" in message.body
    assert "In Ihren Kalender übernehmen" in html_of(message)
    assert '<html lang="de">' in html_of(message)


def test_without_a_language_the_site_language_is_used():
    assert compose(language="").subject == "Erinnerung: Sensorik morgen"


def test_a_context_callable_runs_in_the_recipients_language():
    seen = []

    def context():
        seen.append(get_language())
        return {"url": "https://innonet.example.org/", "title": "x"}

    compose(language="en", context=context)
    assert seen == ["en"]


def test_a_signature_closes_both_parts():
    message = compose(context={"url": "u", "title": "t", "signature": "IT-Netzwerk"})
    assert message.body.rstrip().endswith("-- \nIT-Netzwerk")
    assert "— IT-Netzwerk</p>" in html_of(message)
