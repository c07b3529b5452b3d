"""The member journey in a real browser, clicking only what is on the screen from the start
page: find a partner in the member directory by competence, open it and ask the office for
contact; then describe an idea, read the explained suggestions and say "I am interested"."""

import pytest
from django.utils import translation

from innonet.matching.models import Visibility
from innonet.partners.models import ContactRequest, MemberVisibility
from tests.e2e.test_login_journeys import sign_in
from tests.factories import CompetenceFactory, OrganisationFactory, UnitFactory, UserFactory
from tests.matching.factories import ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def de(msgid: str, context: str = "") -> str:
    """What the German page shows for an English msgid."""
    with translation.override("de"):
        if context:
            return translation.pgettext(context, msgid)
        return translation.gettext(msgid)


def test_member_finds_a_partner_asks_the_office_and_is_interested_in_a_suggestion(page, audit):
    member = UserFactory(role="member", email="mitglied@beispiel.de")
    radio = CompetenceFactory(name="Funksensorik für Testzwecke")
    partner = OrganisationFactory(
        name="Hochschule Funknetz",
        kind="university",
        description="Wir forschen an Funknetzen für die Landwirtschaft.",
        member_visibility=MemberVisibility.SHOWN,
    )
    UnitFactory(organisation=partner, name="Labor für LoRaWAN").competences.add(radio)
    OrganisationFactory(name="Bäckerei Kruse", member_visibility=MemberVisibility.SHOWN)
    offering = OrganisationFactory(name="Feldfunk GmbH", description="Maschinenbau")
    ProfileFactory(
        organisation=offering,
        visibility=Visibility.PARTNERS,
        title="LoRaWAN-Gateways für Ackerflächen gesucht",
        summary="Wir suchen LoRaWAN-Gateways und Partner für einen Feldversuch.",
    )

    sign_in(page, member.email)
    page.wait_for_url(lambda url: "/accounts/" not in url)
    audit()
    page.get_by_role("link", name=de("Member directory"), exact=True).first.click()
    page.get_by_label(de("competence"), exact=False).select_option(label=radio.name)
    page.get_by_role("button", name=de("Filter")).click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Bäckerei Kruse").count() == 0
    audit()
    page.get_by_role("link", name="Hochschule Funknetz").click()
    page.get_by_role("heading", name="Hochschule Funknetz").wait_for()
    assert page.get_by_role("heading", name="Labor für LoRaWAN").is_visible()
    audit()

    page.get_by_label(de("What would you like to talk about?")).fill(
        "Wir möchten einen Feldversuch mit LoRaWAN planen."
    )
    page.get_by_role("button", name=de("Send to the office")).click()
    page.locator(".alert-success").wait_for()
    request = ContactRequest.objects.get()
    assert (
        request.organisation == partner and request.requesting_organisation == member.organisation
    )

    page.get_by_role("link", name=de("Matchmaking"), exact=True).click()
    page.locator("#id_text").fill("LoRaWAN Gateways für den Feldversuch")
    page.get_by_role("button", name=de("Find partners")).click()
    page.get_by_role("heading", name=de("Who can help with an idea?")).wait_for()
    results = page.locator("#results-heading")
    results.wait_for()
    assert results.bounding_box()["y"] < 720  # the answer shows without scrolling
    strengths = page.locator(".match-strength")
    assert de("Strong match", "match strength") in strengths.first.inner_text()
    assert "%" in strengths.first.inner_text()
    audit()
    page.get_by_role("button", name=de("I am interested")).first.click()
    page.locator(".alert-success").wait_for()
