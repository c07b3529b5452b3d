"""Participant mails through a real SMTP server (aiosmtpd, started by the test): register on
the page, follow the link from the mail, confirm, cancel, and the waiting list moves up."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from innonet.events import mails
from innonet.events.models import Registration, RegistrationStatus
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
STATUS = RegistrationStatus
LINK = re.compile(r"https?://\S+/anmeldung/(?:bestaetigen|absagen)/[^/\s]+/")


def subject(kind: str, language: str, event) -> str:
    with translation.override(language):
        return str(mails.KINDS[kind].subject % {"event": event.title})


def path_of(link: str) -> str:
    assert link.startswith(settings.SITE_URL)
    return urlsplit(link).path


def links_in(received) -> list[str]:
    return LINK.findall(received.part("text/plain"))


@pytest.fixture(autouse=True)
def fresh_mail_limits():
    cache.clear()


@pytest.fixture
def browse(client, django_capture_on_commit_callbacks):
    """GET/POST like a browser; work queued on commit (the mails) runs at once."""

    def request(method: str, url: str, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(url, data or {})

    return request


def register(browse, event, *, email: str, language: str, first_name: str = "Jörg"):
    data = {
        "first_name": first_name,
        "last_name": "Weiß",
        "email": email,
        "language": language,
        "consent": "on",
        "colleagues-TOTAL_FORMS": "0",
        "colleagues-INITIAL_FORMS": "0",
    }
    response = browse("post", reverse("events:event_register", args=[event.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize("language", ["de", "en"])
def test_register_confirm_from_the_mail_and_cancel_promotes_the_waiting_list(
    smtp_server, browse, language
):
    event = EventFactory(title="Expertengespräch Agrarsensorik", capacity=1, waiting_list=True)
    register(browse, event, email="joerg@agrar-os.de", language=language)

    [request] = smtp_server.to("joerg@agrar-os.de")
    assert request.message["Subject"].strip() == subject(mails.CONFIRM_REQUEST, language, event)
    assert request.message.get_content_type() == "multipart/alternative"
    assert "Jörg" in request.part("text/plain")
    assert f'lang="{language}"' in request.part("text/html")
    [confirm_link] = links_in(request)
    assert confirm_link in request.part("text/html")

    # Opening the link (a mail scanner does) does not confirm; pressing the button does.
    assert browse("get", path_of(confirm_link)).status_code == 200
    assert Registration.objects.get().status == STATUS.UNCONFIRMED
    assert browse("post", path_of(confirm_link)).status_code == 200
    assert Registration.objects.get().status == STATUS.CONFIRMED
    confirmed = smtp_server.to("joerg@agrar-os.de")[-1]
    assert confirmed.message["Subject"].strip() == subject(mails.CONFIRMED, language, event)
    [cancel_link] = links_in(confirmed)

    # A second person joins the waiting list.
    register(browse, event, email="aenne@agrar-os.de", language="de", first_name="Änne")
    [second_confirm] = links_in(smtp_server.to("aenne@agrar-os.de")[0])
    browse("post", path_of(second_confirm))
    waiting = Registration.objects.get(email="aenne@agrar-os.de")
    assert waiting.status == STATUS.WAITING

    # Cancelling the first frees the place: the waiting person moves up and is told.
    assert browse("post", path_of(cancel_link)).status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == STATUS.CONFIRMED
    promoted = smtp_server.to("aenne@agrar-os.de")[-1]
    assert promoted.message["Subject"].strip() == subject(mails.PROMOTED, "de", event)
    assert promoted.part("text/plain") and promoted.part("text/html")
    cancelled = smtp_server.to("joerg@agrar-os.de")[-1]
    assert cancelled.message["Subject"].strip() == subject(mails.CANCELLED, language, event)
    for received in smtp_server.messages:
        assert len(received.recipients) == 1


def test_line_breaks_in_names_and_titles_never_reach_a_header(smtp_server):
    event = EventFactory(title="Frühstück\r\nBcc: boese@angreifer.de")
    registration = RegistrationFactory(
        event=event,
        first_name="Eva\r\nBcc: boese@angreifer.de",
        last_name="Zwilling\nX-Evil: 1",
        email="eva@agrar-os.de",
        confirmed_at=timezone.now(),
    )
    for kind in (mails.CONFIRMED, mails.CANCELLED, mails.REMINDER):
        mails.build_message(registration, kind).send()
    assert len(smtp_server.messages) == 3
    for received in smtp_server.messages:
        assert received.recipients == ["eva@agrar-os.de"]
        head = received.raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
        names = {line.split(":", 1)[0].lower() for line in head.split("\r\n") if line[:1] > " "}
        assert not names & {"bcc", "cc", "x-evil"}
        assert "Bcc" not in received.message and "X-Evil" not in received.message
        assert "\n" not in received.message["Subject"]


def test_the_form_refuses_a_line_break_in_a_name_before_any_mail(smtp_server, browse):
    event = EventFactory()
    data = {
        "first_name": "Eva\r\nBcc: boese@angreifer.de",
        "last_name": "Zwilling",
        "email": "eva@agrar-os.de",
        "language": "de",
        "consent": "on",
        "colleagues-TOTAL_FORMS": "0",
        "colleagues-INITIAL_FORMS": "0",
    }
    response = browse("post", reverse("events:event_register", args=[event.pk]), data)
    assert response.status_code == 200
    assert not smtp_server.messages and not Registration.objects.exists()
