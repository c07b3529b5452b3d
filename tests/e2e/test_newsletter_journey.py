"""A visitor's newsletter journey on a served instance with its worker and a real SMTP server:
subscribe from the link on the start page, confirm through the link in the mail, receive an
issue (queued through the service, sent by the worker), change the preferences through the
mail's link, and unsubscribe with one click as a mail client does (RFC 8058); the next issue
does not reach the address. Every page on the way passes axe-core at both widths."""

import re
import time

import pytest

from tests.events.conftest import MailSink

from .axe import Auditor
from .test_visitor_journey import de, django_command, mail_sink, served_demo  # noqa: F401

pytestmark = pytest.mark.browser
ADDRESS = "neugierig@agrar-os.de"
CONFIRM_LINK = re.compile(r"https?://\S+/newsletter/bestaetigen/[^/\s]+/")
PREFERENCES_LINK = re.compile(r"https?://\S+/newsletter/einstellungen/[^/\s]+/")
DEMO_READER = "leserin@beispiel.example"


def wait_for(sink: MailSink, address: str, subject: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in sink.to(address):
            if subject in str(message.message["Subject"]):
                return message
        time.sleep(0.2)
    raise AssertionError(f"no mail {subject!r} to {address} within {timeout} s")


def queue_issue(var_dir, subject: str) -> None:
    """The office's "send now", through the service, in the served instance's database."""
    code = (
        "from innonet.content.services import newsletter as s;"
        f"i = s.issue_save(None, subject={subject!r}, introduction='Neues aus dem Netzwerk');"
        "s.issue_schedule(i, when=None, acting_user=None)"
    )
    django_command(var_dir, "shell", "-c", code)


def test_subscribe_confirm_receive_change_preferences_and_unsubscribe(
    browser,
    served_demo,  # noqa: F811 - the fixture
    tmp_path,
):
    served, sink = served_demo
    context = browser.new_context(base_url=served.url, locale="de-DE")
    context.set_default_timeout(20_000)
    page = context.new_page()
    audit = Auditor(page)
    try:
        page.goto("/")
        audit()
        page.locator("footer a[href='/newsletter/']").click()
        page.get_by_role("heading", name=de("Subscribe to the newsletter")).wait_for()
        audit()
        page.locator("#id_email").fill(ADDRESS)
        page.locator("#id_consent").check()
        page.get_by_role("button", name=de("Subscribe"), exact=True).click()
        page.get_by_role("heading", name=de("Please check your mail")).wait_for()
        audit()

        confirmation = wait_for(sink, ADDRESS, "")
        link = CONFIRM_LINK.search(confirmation.part("text/plain")).group(0)
        assert link.startswith(served.url + "/"), link
        page.goto(link)
        audit()
        page.get_by_role("button", name=de("Confirm subscription")).click()
        page.get_by_role("heading", name=de("Thank you")).wait_for()
        audit()

        queue_issue(tmp_path, "Juni im Netzwerk")
        issue = wait_for(sink, ADDRESS, "Juni im Netzwerk")
        headers = issue.message
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        one_click = str(headers["List-Unsubscribe"]).strip().strip("<>")
        assert one_click.startswith(served.url + "/newsletter/abmelden/")

        page.goto(PREFERENCES_LINK.search(issue.part("text/plain")).group(0))
        page.get_by_role("heading", name=de("Newsletter preferences")).wait_for()
        audit()
        page.get_by_label(de("events"), exact=True).check()
        page.get_by_role("button", name=de("Save preferences")).click()
        page.get_by_text(de("Your preferences have been saved.")).wait_for()
        audit()

        # The mail client's one-click POST: no cookie, no CSRF token, no page.
        answer = context.request.post(
            one_click,
            data="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answer.status == 200
        page.goto(one_click)
        page.get_by_text(
            de("You have been unsubscribed. You will receive no more newsletters.")
        ).wait_for()
        audit()

        before = len(sink.to(ADDRESS))
        queue_issue(tmp_path, "Juli im Netzwerk")
        wait_for(sink, DEMO_READER, "Juli im Netzwerk")
        assert len(sink.to(ADDRESS)) == before
    finally:
        context.close()
