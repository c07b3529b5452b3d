"""Sign-in journeys in a real browser: staff with TOTP, a member, the language switch."""

import time

import pytest
from allauth.account.forms import LoginForm
from django.utils import translation
from django.utils.translation import gettext

from tests.accounts.helpers import totp_code
from tests.factories import PASSWORD, UserFactory, add_totp

pytestmark = pytest.mark.django_db(transaction=True)


def translated(msgid: str, language: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Fill the sign-in form by its visible labels, as a screen reader user would find it."""
    with translation.override("de"):
        form = LoginForm()
        email_label = str(form.fields["login"].label)
        password_label = str(form.fields["password"].label)
    page.goto("/accounts/login/")
    page.get_by_label(email_label, exact=False).fill(email)
    page.get_by_label(password_label, exact=False).fill(password)
    page.locator("main form button[type=submit]").click()


TOTP_PERIOD = 30
FRESH_SECONDS = 5


def fresh_code(secret: str) -> str:
    """A code is accepted only within its 30-second window: one taken in the window's last
    seconds may reach a busy server in the next one, so wait for a fresh window then."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < FRESH_SECONDS:
        time.sleep(left + 0.2)
    return totp_code(secret)


def enter_code(page, secret: str) -> None:
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(fresh_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


@pytest.fixture
def console_errors(page):
    """Collects browser console errors (a CSP violation would show up here)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
    )
    return errors


def test_staff_signs_in_with_password_and_totp_code(page, console_errors):
    staff = UserFactory(role="staff", email="buero@beispiel.de")
    secret = add_totp(staff)
    sign_in(page, staff.email)
    enter_code(page, secret)
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == translated("Network office", "de")
    assert console_errors == []


def test_member_sees_the_organisation_start_page(page, console_errors):
    member = UserFactory(role="member")
    sign_in(page, member.email)
    page.wait_for_url(lambda url: "/accounts/" not in url)
    assert page.locator("h1").inner_text() == member.organisation.name
    assert console_errors == []


def test_wrong_password_shows_the_message_in_the_page(page):
    member = UserFactory(role="member")
    sign_in(page, member.email, "falsch-falsch-falsch")
    alert = page.locator(".alert-danger")
    alert.wait_for()
    assert "/accounts/login/" in page.url
    assert alert.inner_text().strip()


def test_language_switch_to_english(page):
    staff = UserFactory(role="staff")
    secret = add_totp(staff)
    sign_in(page, staff.email)
    enter_code(page, secret)

    with page.expect_navigation():
        page.locator("#language-select").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == translated("Network office", "en")


def test_new_staff_sets_up_totp_in_the_browser(page, console_errors):
    """Sign-in, forced setup (password asked again), QR code and secret, code, recovery codes."""
    staff = UserFactory(role="staff")
    sign_in(page, staff.email)
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    qr = page.locator("img.totp-qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(fresh_code(secret))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert page.locator("#recovery_codes").input_value().strip()
    page.goto("/")
    assert page.locator("h1").inner_text() == translated("Network office", "de")
    assert console_errors == []
