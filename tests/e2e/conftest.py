"""Browser fixtures: Playwright driving the system's chromium against the live test server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """One headless chromium for the browser tests; skipped (or failed, if required) without it.

    Package scope: Playwright's event loop lives in the test thread only while these tests
    run, and the test database is created before it starts (other tests after them would
    otherwise meet the running loop).
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed"
        if os.environ.get("INNONET_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="package", autouse=True)
def _orm_beside_playwright():
    """Playwright's sync API keeps an event loop in the test thread, and Django's ORM refuses
    to run beside a running loop although the test code is synchronous. Allowed only while
    these browser tests run (package scope: also around their database flushes), so that no
    other test or subprocess inherits the switch."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(live_server, browser):
    """A fresh browser context (no cookies) per test, with German as the browser language."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def audit(page):
    """`audit()` runs axe-core on the page as it is now, at desktop and phone width, and fails
    on a serious or critical finding (tests/e2e/axe.py)."""
    from .axe import Auditor

    return Auditor(page)
