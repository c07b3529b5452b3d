"""Text contrast of buttons on their real background, measured in the browser (WCAG AA 4.5:1):
the check-in page's undo button on a checked-in (green) row, and the secondary outline buttons
elsewhere on light backgrounds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from innonet.accounts.models import Role
from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import EventFactory, RegistrationFactory, UserFactory, add_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The contrast ratio of an element's text against the first opaque background behind it.
CONTRAST = """(el) => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let node = el, background = null;
  while (node && !background) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] === 1) background = c; else node = node.parentElement;
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background || [255, 255, 255])];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_the_undo_button_of_a_checked_in_guest_is_readable(page):
    staff = UserFactory(role=Role.STAFF, full_name="Petra Einlass")
    secret = add_totp(staff)
    event = EventFactory(starts_at=timezone.now() - timedelta(minutes=30))
    RegistrationFactory(event=event, last_name="Angekommen", attended_at=timezone.now())
    RegistrationFactory(event=event, last_name="Erwartet")
    sign_in(page, staff.email)
    enter_code(page, secret)
    page.goto(f"/veranstaltungen/{event.pk}/einlass/")
    undo = page.locator(".list-group-item-success .checkin-button")
    assert undo.count() == 1
    assert undo.evaluate(CONTRAST) >= 4.5
    for button in page.locator("main .btn-outline-secondary").all():
        assert button.evaluate(CONTRAST) >= 4.5, button.inner_text()
