"""The office's newsletter in the browser: open the composer from the office menu, narrow the
recipients (the count follows live), let the platform propose the items, preview, send now,
and read the figures. Every page passes axe-core at both widths."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from innonet.content.models import Audience, Issue, IssueStatus, News
from tests.content.newsletter_factories import SubscriptionFactory
from tests.e2e.test_office_journey import de, open_office_menu, signed_in_staff
from tests.factories import host_network

pytestmark = pytest.mark.browser


def test_compose_propose_preview_and_send(page, audit):
    SubscriptionFactory.create_batch(2, topics=["news"])
    SubscriptionFactory(topics=["events"], email="nur-termine@beispiel.de")
    News.objects.create(
        network=host_network(), title="Neue Förderrichtlinie", slug="foerderrichtlinie",
        body="Text", summary="Das Land fördert Digitalisierung.", audience=Audience.PUBLIC,
        published_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    signed_in_staff(page)
    open_office_menu(page, "Newsletter")
    page.get_by_role("heading", name=de("Newsletter"), level=1).wait_for()
    audit()
    page.get_by_role("link", name=de("New issue")).click()
    page.locator("#recipient-count").get_by_text("3").wait_for()
    audit()
    page.locator("#id_subject").fill("Neues aus dem Netzwerk")
    topics = page.get_by_role("combobox", name=de("only subscribers of these topics"))
    topics.click()
    page.keyboard.type(de("news"))
    page.get_by_role("listbox").locator(".option.active").wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.locator("#recipient-count").get_by_text("2").wait_for()  # the live count
    page.get_by_role("button", name=de("Save and propose items")).click()
    page.get_by_text(de("Items have been proposed for this segment.")).wait_for()
    page.get_by_role("button", name=de("Save"), exact=True).click()
    page.get_by_role("heading", name="Neues aus dem Netzwerk", level=1).wait_for()
    audit()
    page.get_by_role("link", name=de("Preview")).click()
    page.get_by_text("Neue Förderrichtlinie").first.wait_for()
    audit()
    page.go_back()
    page.get_by_role("button", name=de("Schedule or send now")).click()
    page.get_by_text(de("The issue will be sent.")).wait_for()
    audit()
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.SENT
    received = {message.to[0] for message in mail.outbox if message.subject == issue.subject}
    assert len(received) == 2 and "nur-termine@beispiel.de" not in received
    for message in mail.outbox:
        if message.subject == issue.subject:
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
