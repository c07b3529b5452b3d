"""The board's journey in a real browser, clicking only what the screen shows: sign in with the
second factor, open the project figures from the Reports menu, then an event's figures from the
event list. Every page on the way passes axe-core at desktop and phone width."""

import pytest
from django.utils import translation

from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import EventFactory, UserFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


def open_reports_menu(page, entry: str) -> None:
    page.get_by_role("button", name=de("Reports")).click()
    page.get_by_role("link", name=de(entry), exact=True).click()


def test_board_opens_the_project_figures_and_an_events_figures(page, audit):
    event = EventFactory(title="Sommerforum Digitalisierung")
    board = UserFactory(role="board", email="vorstand@beispiel.de")
    secret = add_totp(board)
    sign_in(page, board.email)
    enter_code(page, secret)
    page.get_by_role("heading", name=de("Board overview"), level=1).wait_for()
    audit()

    open_reports_menu(page, "Project figures")
    page.wait_for_url("**/projekte/kennzahlen/")
    audit()

    open_reports_menu(page, "Events and their figures")
    page.get_by_role("link", name=event.title).first.click()
    page.get_by_role("link", name=de("Figures and feedback"), exact=True).click()
    page.wait_for_url(f"**/veranstaltungen/{event.pk}/auswertung/**")
    assert page.get_by_role("heading", level=1).is_visible()
    audit()
