"""The project journey in a real browser: staff creates an idea from an introduction, builds
the consortium (an SME lead and a research partner with budgets), moves it to submitted with
the consortium check passing, records the grant, and the page shows the history."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from innonet.core.models import Country
from innonet.projects import services
from innonet.projects.models import FundingProgramme, InnovationProject
from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import InteractionFactory, OrganisationFactory, UserFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


def add_partner(page, project_pk: int, search: str, role: str, requested: str) -> None:
    page.goto(f"/projekte/{project_pk}/partner/neu/")
    page.locator("#partner-search").fill(search)
    page.locator("#partner-search").press("Enter")
    page.wait_for_load_state()
    options = page.locator("#id_organisation option")
    page.locator("#id_organisation").select_option(options.nth(1).get_attribute("value"))
    page.locator("#id_role").select_option(role)
    page.locator("#id_requested_amount").fill(requested)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/projekte/{project_pk}/(#\w+)?$"))


def move_to(page, stage: str) -> None:
    page.locator("#stage select[name=to_stage]").select_option(stage)
    page.locator("#stage button[type=submit]").click()
    page.wait_for_selector(".alert-success")


def test_idea_from_an_introduction_to_the_grant(page):
    staff = UserFactory(role="staff", email="stab@beispiel.de", full_name="Petra Stab")
    secret = add_totp(staff)
    germany = Country.objects.get(code="DE")
    sme = OrganisationFactory(
        name="Müller Agrarsensorik GmbH", kind="sme", employees=20, country=germany
    )
    OrganisationFactory(name="Hochschule Osnabrück", kind="university", country=germany)
    programme = FundingProgramme.objects.create(
        name="ZIM Kooperationsprojekte",
        funder="BMWK",
        level="federal",
        min_partners=2,
        requires_sme=True,
        requires_research=True,
    )
    programme.rates.create(partner_kind="sme", rate=Decimal("45"))
    programme.rates.create(partner_kind="research", rate=Decimal("100"))
    introduction = InteractionFactory(
        kind="introduction",
        happened_on=timezone.localdate(),
        organisation=sme,
        topic="Vorstellung: Bodenfeuchtesensoren trifft Hochschule",
        staff=staff,
    )
    sign_in(page, staff.email)
    enter_code(page, secret)

    page.goto(f"/partners/kontakte/{introduction.pk}/")
    page.get_by_role("link", name=de("Create a project idea from this")).click()
    page.wait_for_url("**/projekte/neu/**")
    assert page.locator("#id_title").input_value() == introduction.topic
    page.locator("#id_programme").select_option(str(programme.pk))
    page.locator("#id_confidentiality").select_option("partners")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/projekte/*/")
    project = InnovationProject.objects.get()
    assert project.origin_interaction == introduction and project.stage == "idea"

    add_partner(page, project.pk, "müller", "lead", "100000,00")
    add_partner(page, project.pk, "hochschule osnabrueck", "partner", "80000")
    assert page.locator("#consortium-check.border-success").is_visible()

    for stage in ("sounding", "consortium", "preparation", "submitted"):
        move_to(page, stage)
    project.refresh_from_db()
    assert project.stage == "submitted"

    for partner in project.partners.all():
        page.goto(f"/projekte/partner/{partner.pk}/bearbeiten/")
        page.locator("#id_granted_amount").fill(f"{partner.requested_amount:.2f}".replace(".", ","))
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/projekte/{project.pk}/(#\w+)?$"))
    move_to(page, "granted")

    project.refresh_from_db()
    assert project.stage == "granted"
    assert [c.to_stage for c in project.stage_changes.all()] == [
        "idea", "sounding", "consortium", "preparation", "submitted", "granted",
    ]  # fmt: skip
    history = page.locator("#history li")
    assert history.count() == 6
    assert "Petra Stab" in history.first.inner_text()
    assert "180.000,00" in page.locator("#partners tfoot").inner_text()


def test_drag_a_card_to_the_next_column_on_the_board(page):
    staff = UserFactory(role="staff", email="brett@beispiel.de")
    secret = add_totp(staff)

    project = services.project_create(data={"title": "Stallklima digital"}, acting_user=staff)
    sign_in(page, staff.email)
    enter_code(page, secret)
    page.goto("/projekte/board/")
    card = page.locator(f".board-card[data-project='{project.pk}']")
    card.drag_to(page.locator(".board-column[data-stage='sounding']"))
    page.wait_for_selector(".alert-success")
    project.refresh_from_db()
    assert project.stage == "sounding"
    assert page.locator(".board-column[data-stage='sounding']").get_by_text(project.title).count()
