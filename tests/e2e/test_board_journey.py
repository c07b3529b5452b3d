"""The board's journey in a real browser, clicking only what the screen shows: sign in with the
second factor, open the project figures from the Reports menu, then an event's figures from the
event list. Every page on the way passes axe-core at desktop and phone width."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

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


def test_board_reads_the_figures_and_the_records_behind_one(page, audit):
    from tests.factories import OrganisationFactory, RegistrationFactory

    company = OrganisationFactory(name="Hasetal Datentechnik GmbH", kind="sme", employees=12)
    now = timezone.localtime()
    new_year = now.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    started = max(now - timedelta(minutes=5), new_year)  # held, and this year, at any hour
    event = EventFactory(title="IT-Frühstück Datenschutz", status="finished", starts_at=started)
    RegistrationFactory(event=event, organisation=company, attended_at=event.starts_at)
    board = UserFactory(role="board", email="vorstand@beispiel.de")
    secret = add_totp(board)
    sign_in(page, board.email)
    enter_code(page, secret)
    page.get_by_role("link", name=de("All figures and indicators")).click()
    page.get_by_role("heading", name=de("Figures"), level=1).wait_for()
    assert page.locator("figure.chart svg[role=img]").count() == 5
    audit()

    with translation.override("de"):
        from innonet.reporting.indicators import INDICATORS

        label = str(INDICATORS["RCO01"].label)
    page.get_by_role("link", name=label).last.click()
    page.get_by_role("heading", name=label, level=1).wait_for()
    assert page.get_by_role("link", name=company.name).is_visible()
    audit()
