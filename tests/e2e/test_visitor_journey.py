"""A visitor's journey on a served instance, as the README's local set-up runs it: `serve` on a
port other than 8000, with its background worker, sending through a real SMTP server. The
visitor starts on the start page, registers with two colleagues and confirms with the link from
the mail, exactly as the mail gives it. Every page on the way passes axe-core at both widths."""

import re
import subprocess
import sys
import time

import pytest
from django.utils import translation

from tests.core.serving import PROJECT, Served, migrate, serve_env
from tests.events.conftest import MailSink
from tests.ports import free_port

from .axe import Auditor

pytestmark = pytest.mark.browser
CONFIRM_LINK = re.compile(r"https?://\S+/anmeldung/bestaetigen/[^/\s]+/")


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


def django_command(var_dir, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=PROJECT, env=serve_env(var_dir), check=True, capture_output=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def mail_sink():
    from aiosmtpd.controller import Controller

    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def served_demo(tmp_path, mail_sink):
    """The demo network served with its worker on a free port, SITE_URL left unset."""
    sink, smtp_port = mail_sink
    migrate(tmp_path)
    django_command(tmp_path, "createcachetable")
    django_command(tmp_path, "collectstatic", "--noinput")
    django_command(tmp_path, "demo", "--if-empty")
    served = Served(tmp_path, EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}")
    try:
        served.wait_until_serving()
        yield served, sink
    finally:
        served.stop()


def wait_for_mail(sink: MailSink, address: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in sink.messages:
            if address in message.recipients:
                return message.part("text/plain")
        time.sleep(0.2)
    raise AssertionError(f"no mail to {address} within {timeout} s")


def test_visitor_registers_with_two_colleagues_and_confirms_through_the_mail(browser, served_demo):
    served, sink = served_demo
    context = browser.new_context(base_url=served.url, locale="de-DE")
    context.set_default_timeout(20_000)
    page = context.new_page()
    audit = Auditor(page)
    try:
        page.goto("/")
        audit()
        page.locator("main a[href^='/veranstaltungen/']").first.click()
        page.get_by_role("link", name=de("Register now"), exact=True).click()
        audit()
        page.locator("#id_first_name").fill("Jörg")
        page.locator("#id_last_name").fill("Weiß")
        page.locator("#id_email").fill("joerg@agrar-os.de")
        page.get_by_text(de("Register colleagues of the same organisation")).click()
        colleagues = (("Änne", "Schäfer", "aenne"), ("Ole", "Brinkmann", "ole"))
        for row, (first, last, mailbox) in enumerate(colleagues):
            page.locator(f"[name='colleagues-{row}-first_name']").fill(first)
            page.locator(f"[name='colleagues-{row}-last_name']").fill(last)
            page.locator(f"[name='colleagues-{row}-email']").fill(f"{mailbox}@agrar-os.de")
        page.locator("#id_consent").check()
        page.get_by_role("button", name=de("Register"), exact=True).click()
        page.get_by_role("heading", name=de("Please check your mail")).wait_for()
        audit()

        body = wait_for_mail(sink, "joerg@agrar-os.de")
        link = CONFIRM_LINK.search(body).group(0)
        assert link.startswith(served.url + "/"), link  # the served port, not 8000
        page.goto(link)
        page.get_by_role("button", name=de("Confirm registration")).click()
        page.get_by_role("heading", name=de("Thank you")).wait_for()
        audit()
        # Confirming placed the colleagues too; each gets a mail with links to this server.
        for mailbox in ("aenne", "ole"):
            assert f"{served.url}/" in wait_for_mail(sink, f"{mailbox}@agrar-os.de")
    finally:
        context.close()
