"""The staff's outbox pages: list with filters, sorting and pages at a constant query count; a
mail's page that shows stored HTML only as text; "send again"; blocked addresses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import AuditEntry, MailStatus, OutgoingMail, SuppressedAddress
from tests.factories import OutgoingMailFactory, SuppressedAddressFactory

pytestmark = pytest.mark.django_db
LIST = reverse("core:outbox_list")
BLOCKED = reverse("core:suppressed_list")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def shown(response) -> list[str]:
    return [mail.subject for mail in response.context["mails"]]


def test_the_list_filters_by_status_kind_address_and_date(staff_client):
    OutgoingMailFactory(subject="Eins", category="events.confirmed", status=MailStatus.SENT)
    OutgoingMailFactory(subject="Zwei", category="newsletter", status=MailStatus.FAILED)
    old = OutgoingMailFactory(subject="Drei", category="newsletter", to_address="x@alt.de")
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    assert sorted(shown(staff_client.get(LIST))) == ["Drei", "Eins", "Zwei"]
    assert shown(staff_client.get(LIST, {"status": "failed"})) == ["Zwei"]
    assert sorted(shown(staff_client.get(LIST, {"category": "newsletter"}))) == ["Drei", "Zwei"]
    assert shown(staff_client.get(LIST, {"q": "ALT.de"})) == ["Drei"]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert sorted(shown(staff_client.get(LIST, {"queued_from": since}))) == ["Eins", "Zwei"]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "<script>"},
        {"category": "gibt-es-nicht"},
        {"queued_from": "gestern"},
        {"sort": "'; drop table"},
        {"page": "999"},
        {"q": "x" * 500},
    ],
)
def test_bad_filters_answer_with_the_page(staff_client, query):
    OutgoingMailFactory(subject="Eins")
    response = staff_client.get(LIST, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_the_list_sorts_by_its_columns(staff_client):
    OutgoingMailFactory(subject="B", to_address="b@x.de", attempts=2)
    OutgoingMailFactory(subject="A", to_address="a@x.de", attempts=5)
    assert shown(staff_client.get(LIST, {"sort": "recipient"})) == ["A", "B"]
    assert shown(staff_client.get(LIST, {"sort": "-recipient"})) == ["B", "A"]
    assert shown(staff_client.get(LIST, {"sort": "attempts"})) == ["B", "A"]
    page = staff_client.get(LIST, {"sort": "recipient"}).content.decode()
    assert 'aria-sort="ascending"' in page


def test_the_list_is_paginated_with_constant_queries(staff_client, django_assert_max_num_queries):
    OutgoingMailFactory.create_batch(3)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(LIST)
    OutgoingMailFactory.create_batch(60, status=MailStatus.FAILED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = staff_client.get(LIST)
    assert len(first.context["mails"]) == 50
    assert len(staff_client.get(LIST, {"page": 2}).context["mails"]) == 13
    assert "60 e-mails failed" in first.content.decode()


def test_a_mail_s_page_shows_its_html_as_text_only(staff_client):
    mail = OutgoingMailFactory(
        subject="Einladung <b>fett</b>",
        body_text="Hallo {{ settings.SECRET_KEY }}",
        body_html='<p>Hallo</p><script>alert("x")</script><img src=x onerror=alert(1)>',
        headers={"Reply-To": "buero@beispiel.de"},
    )
    response = staff_client.get(reverse("core:outbox_detail", args=[mail.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "Einladung &lt;b&gt;fett&lt;/b&gt;" in page
    assert "{{ settings.SECRET_KEY }}" in page
    assert "buero@beispiel.de" in page
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


def test_send_again_queues_a_failed_mail_once_and_audits_it(
    staff_client, django_capture_on_commit_callbacks
):
    mail = OutgoingMailFactory(status=MailStatus.FAILED, attempts=8, last_error="554 rejected")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("core:outbox_retry", args=[mail.pk]))
    assert response.status_code == 302
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (MailStatus.SENT, 1)  # the sender ran after commit
    entry = AuditEntry.objects.get(action="core.outbox.retried")
    assert entry.data["before"]["last_error"] == "554 rejected"
    # A sent mail cannot be sent again.
    staff_client.post(reverse("core:outbox_retry", args=[mail.pk]))
    assert AuditEntry.objects.filter(action="core.outbox.retried").count() == 1


def test_send_again_is_refused_while_the_address_is_blocked(staff_client):
    blocked = SuppressedAddressFactory(address="weg@beispiel.de")
    mail = OutgoingMailFactory(to_address="Weg@Beispiel.de", status=MailStatus.SUPPRESSED)
    response = staff_client.post(reverse("core:outbox_retry", args=[mail.pk]), follow=True)
    assert "Unblock it first" in response.content.decode()
    mail.refresh_from_db()
    assert mail.status == MailStatus.SUPPRESSED
    detail = staff_client.get(reverse("core:outbox_detail", args=[mail.pk])).content.decode()
    assert f"{BLOCKED}?q=Weg%40Beispiel.de" in detail
    assert SuppressedAddress.objects.get() == blocked


def test_blocking_an_address_by_hand_stops_its_waiting_mails(staff_client):
    waiting = OutgoingMailFactory(to_address="kunde@beispiel.de")
    response = staff_client.post(
        BLOCKED, {"address": " Kunde@Beispiel.de ", "reason": "Rückläufer per Post"}
    )
    assert response.status_code == 302
    blocked = SuppressedAddress.objects.get()
    assert (blocked.address, blocked.reason) == ("kunde@beispiel.de", "Rückläufer per Post")
    waiting.refresh_from_db()
    assert waiting.status == MailStatus.SUPPRESSED
    assert AuditEntry.objects.filter(action="core.outbox.address_blocked").count() == 1
    page = staff_client.get(BLOCKED).content.decode()
    assert "kunde@beispiel.de" in page


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("kein-adresse", "valid email address"),
        ("a@b.de\r\nBcc: x@y.de", "valid email address"),
        ("schon@beispiel.de", "blocked already"),
    ],
)
def test_blocking_bad_or_known_addresses_shows_why(staff_client, address, message):
    SuppressedAddressFactory(address="schon@beispiel.de")
    response = staff_client.post(BLOCKED, {"address": address, "reason": ""})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SuppressedAddress.objects.count() == 1


def test_unblocking_lets_mails_go_out_again(staff_client):
    blocked = SuppressedAddressFactory(address="wieder@beispiel.de")
    response = staff_client.post(reverse("core:suppressed_delete", args=[blocked.pk]))
    assert response.status_code == 302
    assert not SuppressedAddress.objects.exists()
    assert AuditEntry.objects.filter(action="core.outbox.address_unblocked").count() == 1


def test_the_blocked_list_searches_and_pages(staff_client, django_assert_max_num_queries):
    SuppressedAddressFactory.create_batch(3)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(BLOCKED)
    SuppressedAddressFactory.create_batch(55)
    SuppressedAddressFactory(address="gesucht@firma.de")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(BLOCKED)
    assert len(response.context["blocked"]) == 50
    found = staff_client.get(BLOCKED, {"q": "GESUCHT"})
    assert [item.address for item in found.context["blocked"]] == ["gesucht@firma.de"]


def test_the_office_menu_links_the_outbox(staff_client):
    page = staff_client.get(reverse("reporting:home")).content.decode()
    assert f'href="{LIST}"' in page
    assert f'href="{BLOCKED}"' in page
