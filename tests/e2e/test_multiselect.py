"""The multi-select in a real browser: staff add two competences with the keyboard alone
(Tab into the field, type, Enter) and save; the saved selection keeps what was there."""

import pytest

from innonet.core.models import Competence
from innonet.partners.models import Organisation
from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import OrganisationFactory, UserFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_adds_two_competences_with_the_keyboard(page):
    staff = UserFactory(role="staff", email="stab@beispiel.de")
    secret = add_totp(staff)
    kept = Competence.objects.get(name="Datenbanken")
    organisation = OrganisationFactory(name="Hasetal Datentechnik GmbH")
    organisation.competences.set([kept])
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, staff.email)
    enter_code(page, secret)

    page.goto(f"/partners/{organisation.pk}/bearbeiten/")
    combobox = page.get_by_role("combobox", name="Kompetenzen")
    combobox.wait_for()  # Tom Select is loaded on demand
    page.locator("#id_keywords").focus()
    # Tab past the saved entries' remove buttons into the search box, as a keyboard user would.
    for _step in range(5):
        page.keyboard.press("Tab")
        if combobox.evaluate("element => element === document.activeElement"):
            break
    assert combobox.evaluate("element => element === document.activeElement")
    for name in ("Agrarsensorik", "Robotik"):
        page.keyboard.type(name)
        listbox = page.get_by_role("listbox", name="Kompetenzen")
        listbox.locator(".option.active", has_text=name).wait_for()
        page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    chips = page.locator(".ts-wrapper:has(#id_competences-ts-control) .item")
    shown = {text.replace("\u00d7", "").strip() for text in chips.all_inner_texts()}
    assert shown == {"Datenbanken", "Agrarsensorik", "Robotik"}
    page.locator("main form button[type=submit]").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/partners/{organisation.pk}/")

    saved = set(
        Organisation.objects.get(pk=organisation.pk).competences.values_list("name", flat=True)
    )
    assert saved == {"Datenbanken", "Agrarsensorik", "Robotik"}
    assert errors == []  # no CSP violation, no script error
