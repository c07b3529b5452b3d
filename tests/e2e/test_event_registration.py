"""The registration journey in a real browser: a visitor registers on the public form,
confirms with the link from the mail, and cancels; the first person on the waiting list
moves up and gets a mail."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import translation

from innonet.events import mails
from innonet.events.models import Registration, RegistrationStatus
from tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WAITING_TEXT = (
    "The event is fully booked; you are on the waiting list. When a place frees up, it is "
    "yours automatically and we will write to you."
)
LINK = re.compile(r"https?://\S+/anmeldung/(?:bestaetigen|absagen)/[^/\s]+/")


def de(msgid: str) -> str:
    """What the German page shows for an English msgid."""
    with translation.override("de"):
        return translation.gettext(msgid)


def subject(kind: str, event) -> str:
    with translation.override("de"):
        return str(mails.KINDS[kind].subject % {"event": event.title})


def last_link(address: str, kind: str, event) -> str:
    """The path of the link in the newest mail of `kind` to `address`."""
    wanted = subject(kind, event)
    found = [m for m in mail.outbox if m.to == [address] and m.subject == wanted]
    assert found, [(m.to, m.subject) for m in mail.outbox]
    return urlsplit(LINK.search(found[-1].body).group(0)).path


def register(page, event, *, first: str, last: str, email: str, offer: str) -> None:
    page.goto(f"/veranstaltungen/{event.pk}/")
    page.get_by_role("link", name=de(offer), exact=True).click()
    page.locator("#id_first_name").fill(first)
    page.locator("#id_last_name").fill(last)
    page.locator("#id_email").fill(email)
    page.locator("#id_consent").check()
    page.get_by_role("button", name=de(offer.removesuffix(" now")), exact=True).click()
    page.wait_for_url(f"**/veranstaltungen/{event.pk}/angemeldet/")
    assert page.get_by_role("heading", name=de("Please check your mail")).is_visible()


def confirm(page, path: str) -> None:
    page.goto(path)
    page.get_by_role("button", name=de("Confirm registration")).click()
    page.get_by_role("heading", name=de("Thank you")).wait_for()


def test_register_confirm_cancel_and_the_waiting_list_moves_up(page):
    event = EventFactory(title="Expertengespräch Agrarsensorik", capacity=1, waiting_list=True)

    # The colleague rows grow in place with JavaScript.
    page.goto(f"/veranstaltungen/{event.pk}/anmelden/")
    page.get_by_text(de("Register colleagues of the same organisation")).click()
    page.get_by_role("button", name=de("Add more rows")).click()
    page.locator("[name='colleagues-2-email']").wait_for()
    assert page.locator("#id_colleagues-TOTAL_FORMS").input_value() == "3"

    register(
        page, event, first="Jörg", last="Weiß", email="joerg@agrar-os.de", offer="Register now"
    )
    confirm(page, last_link("joerg@agrar-os.de", mails.CONFIRM_REQUEST, event))
    assert page.get_by_text(
        de("Your place is confirmed. We look forward to seeing you.")
    ).is_visible()
    assert (
        Registration.objects.get(email="joerg@agrar-os.de").status == RegistrationStatus.CONFIRMED
    )

    register(
        page,
        event,
        first="Änne",
        last="Schäfer",
        email="aenne@agrar-os.de",
        offer="Join the waiting list",
    )
    waiting_link = last_link("aenne@agrar-os.de", mails.CONFIRM_REQUEST, event)
    confirm(page, waiting_link)
    page.get_by_text(de(WAITING_TEXT)).wait_for()
    waiting = Registration.objects.get(email="aenne@agrar-os.de")
    assert waiting.status == RegistrationStatus.WAITING

    page.goto(last_link("joerg@agrar-os.de", mails.CONFIRMED, event))
    page.get_by_role("button", name=de("Cancel registration")).click()
    page.get_by_text(
        de("Your registration has been cancelled. Thank you for letting us know.")
    ).wait_for()

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert last_link("aenne@agrar-os.de", mails.PROMOTED, event)
    page.goto(waiting_link)
    assert page.get_by_text(
        de("Your place is confirmed. We look forward to seeing you.")
    ).is_visible()
