"""The office's outbox in the browser: a failed mail reaches the open work, its page shows the
server's answer, "send again" delivers it, and an address is blocked by hand. Every page
passes axe-core at both widths."""

import pytest
from django.core import mail

from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from tests.e2e.test_office_journey import de, open_office_menu, signed_in_staff
from tests.factories import OutgoingMailFactory

pytestmark = pytest.mark.browser


def test_a_failed_mail_is_found_read_and_sent_again(page, audit):
    failed = OutgoingMailFactory(
        subject="Einladung Werkstatt Agrarsensorik",
        to_address="joerg@agrar-os.de",
        status=MailStatus.FAILED,
        attempts=8,
        last_error="gave up after 8 attempts: 451 4.3.0 try again later",
        body_html="<p>Hallo</p><script>document.title='x'</script>",
    )
    OutgoingMailFactory.create_batch(3, status=MailStatus.SENT)
    signed_in_staff(page)
    page.get_by_role("link", name=failed.subject).click()  # from the open work
    page.get_by_text("451 4.3.0 try again later").first.wait_for()
    page.get_by_text("<script>document.title='x'</script>", exact=False).wait_for()
    audit()
    page.get_by_role("button", name=de("Send again")).click()
    page.get_by_text(de("The mail is queued again and goes out shortly.")).wait_for()
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT
    assert [m.to for m in mail.outbox] == [["joerg@agrar-os.de"]]

    breadcrumb = page.get_by_role("navigation", name=de("Breadcrumb"))
    breadcrumb.get_by_role("link", name=de("Outbox")).click()
    page.get_by_role("heading", name=de("Outbox"), level=1).wait_for()
    audit()
    page.get_by_label(de("Address or subject")).fill("agrar-os")
    page.get_by_role("button", name=de("Filter")).click()
    page.get_by_role("link", name=failed.subject).wait_for()
    assert OutgoingMail.objects.count() == 4


def test_an_address_is_blocked_and_unblocked_by_hand(page, audit):
    signed_in_staff(page)
    open_office_menu(page, "Outbox")
    page.get_by_role("heading", name=de("Outbox"), level=1).wait_for()
    page.locator("#main").get_by_role("link", name=de("Blocked addresses")).click()
    page.get_by_role("heading", name=de("Blocked addresses"), level=1).wait_for()
    audit()
    page.get_by_label(de("E-mail address")).fill("ruecklaeufer@beispiel.de")
    page.get_by_label(de("Reason")).fill("Brief kam zurück")
    page.get_by_role("button", name=de("Block"), exact=True).click()
    page.get_by_text(de("The address is blocked.")).wait_for()
    audit()
    assert SuppressedAddress.objects.get().reason == "Brief kam zurück"
    page.get_by_role("button", name=de("Unblock")).click()
    page.get_by_text(de("The address is unblocked.")).wait_for()
    assert not SuppressedAddress.objects.exists()
