"""The staff's menu bar fits every desktop width: from 1200 px (where the menu stops folding)
up, every entry and the user menu lie inside the window, and the user menu keeps the full
name as its accessible name while it shows initials."""

import pytest

from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import UserFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTSIDE = """() => [...document.querySelectorAll('#main-nav .nav-link, #main-nav select')]
  .filter((el) => el.getClientRects().length)
  .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect().right])
  .filter(([, right]) => right > window.innerWidth)"""


@pytest.mark.parametrize("width", [1200, 1280, 1366, 1400, 1920])
def test_the_staff_menu_bar_fits_the_window(page, width):
    staff = UserFactory(
        role="staff", email="leiste@beispiel.de", full_name="Maximiliane Hoffmann-Schulze"
    )
    secret = add_totp(staff)
    sign_in(page, staff.email)
    enter_code(page, secret)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    assert page.evaluate(OUTSIDE) == []
    assert page.locator(".user-menu-toggle .user-initials").inner_text() == "MH"
    assert page.get_by_role("button", name="Maximiliane Hoffmann-Schulze").count() == 1
