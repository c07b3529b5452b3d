"""Subscriptions: double opt-in (nothing before the confirmation, at most three confirmation
mails a day, the same answer for every address), the consent log and the person's consent,
signed links (tampered or expired give a clear page), preferences, and unsubscribing with one
click (RFC 8058) after which no newsletter goes out."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from innonet.content import tasks
from innonet.content.models import (
    CONSENT_TEXT_VERSION,
    ConsentSource,
    Subscription,
    SubscriptionAction,
    SubscriptionEvent,
    SubscriptionStatus,
)
from innonet.content.newsletter import links
from innonet.content.services import newsletter as services
from innonet.core.models import MailStatus, OutgoingMail
from innonet.partners.models import Consent, ConsentPurpose
from tests.content.newsletter_factories import IssueFactory, SubscriptionFactory
from tests.factories import PersonFactory, Ris3FieldFactory
from tests.nasty import NASTY_STRINGS

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/newsletter/[a-z]+/[^/\s]+/")


def sign_up(client, email="anna@beispiel.de", **extra):
    """Post the form like a browser, bytes that are not valid UTF-8 included."""
    data = {"email": email, "language": "de", "consent": "on", **extra}
    body = urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass")
    return client.post(
        reverse("content:subscription_create"),
        body,
        content_type="application/x-www-form-urlencoded",
    )


def mails_to(address, category=None):
    rows = OutgoingMail.objects.filter(to_address=address)
    if category:
        rows = rows.filter(category=category)
    return list(rows.order_by("id"))


def page_text(client, url):
    """The page without what differs on every response (nonces, CSRF tokens)."""
    body = client.get(url).content.decode()
    return re.sub(r'(nonce|value|content)="[^"]*"', "", body)


def send(issue):
    """Schedule the issue for now and run the materialising task as the worker would."""
    services.issue_schedule(issue, when=None, acting_user=None)
    tasks.send_issue.call(issue_id=issue.pk)


def link_in(row, part):
    return next(url for url in LINK.findall(row.body_text) if f"/newsletter/{part}/" in url)


def path(url):
    return "/" + url.split("/", 3)[3]


def test_sign_up_sends_one_confirmation_and_nothing_else(client):
    response = sign_up(client, topics=["news", "events"])
    assert response.status_code == 302
    subscription = Subscription.objects.get(email="anna@beispiel.de")
    assert subscription.status == SubscriptionStatus.PENDING
    [confirmation] = mails_to("anna@beispiel.de")
    assert confirmation.category == "newsletter-confirm"
    assert "/newsletter/bestaetigen/" in confirmation.body_text
    # A pending subscription is never a recipient.
    issue = IssueFactory()
    send(issue)
    assert not mails_to("anna@beispiel.de", "newsletter")


def test_confirmation_link_activates_and_logs(client):
    sign_up(client)
    [row] = mails_to("anna@beispiel.de")
    url = path(link_in(row, "bestaetigen"))
    page = client.get(url)
    assert page.status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING  # GET changes nothing
    client.post(url)
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.ACTIVE
    actions = list(
        subscription.events.order_by("pk").values_list("action", "source", "text_version")
    )
    assert actions == [
        (SubscriptionAction.REQUESTED, ConsentSource.FORM, CONSENT_TEXT_VERSION),
        (SubscriptionAction.CONFIRMED, ConsentSource.LINK, CONSENT_TEXT_VERSION),
    ]


def test_at_most_three_confirmation_mails_a_day(client):
    for _ in range(5):
        assert sign_up(client).status_code == 302
    assert len(mails_to("anna@beispiel.de")) == 3
    assert SubscriptionEvent.objects.filter(action=SubscriptionAction.REQUESTED).count() == 5
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        sign_up(client)
    assert len(mails_to("anna@beispiel.de")) == 4


def test_same_answer_for_known_and_unknown_addresses(client):
    SubscriptionFactory(email="bekannt@beispiel.de")
    known = sign_up(client, "bekannt@beispiel.de")
    unknown = sign_up(client, "unbekannt@beispiel.de")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert page_text(client, known["Location"]) == page_text(client, unknown["Location"])
    # The subscribed address gets a note with its preference link, not a second opt-in.
    [note] = mails_to("bekannt@beispiel.de")
    assert "/newsletter/einstellungen/" in note.body_text
    assert Subscription.objects.get(email="bekannt@beispiel.de").status == "active"


def test_sign_up_is_rate_limited_per_client_address(client, settings):
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, "newsletter": "2/hour"}
    assert sign_up(client, "a@beispiel.de").status_code == 302
    assert sign_up(client, "b@beispiel.de").status_code == 302
    refused = sign_up(client, "c@beispiel.de")
    assert refused.status_code == 429
    assert not Subscription.objects.filter(email="c@beispiel.de").exists()


def test_confirming_links_the_registry_person_and_appends_their_consent(client):
    person = PersonFactory(email="kontakt@hasetal.de")
    sign_up(client, "kontakt@hasetal.de")
    subscription = Subscription.objects.get()
    assert not Consent.objects.filter(person=person).exists()  # nothing before confirming
    services.confirm(subscription)
    subscription.refresh_from_db()
    assert subscription.person == person
    [consent] = Consent.objects.filter(person=person, purpose=ConsentPurpose.NEWSLETTER)
    assert consent.granted and consent.text_version == CONSENT_TEXT_VERSION
    services.unsubscribe(subscription, source=ConsentSource.LINK)
    newest = Consent.objects.filter(person=person, purpose=ConsentPurpose.NEWSLETTER).first()
    assert newest.granted is False
    assert Consent.objects.filter(person=person).count() == 2


def test_the_consent_log_is_append_only():
    event = SubscriptionEvent.objects.create(
        subscription=SubscriptionFactory(),
        action=SubscriptionAction.CONFIRMED,
        source=ConsentSource.LINK,
        text_version=CONSENT_TEXT_VERSION,
    )
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        SubscriptionEvent.objects.all().delete()
    with pytest.raises(TypeError):
        SubscriptionEvent.objects.update(source="staff")


@pytest.mark.parametrize(
    "route", ["subscription_confirm", "subscription_manage", "subscription_unsubscribe"]
)
def test_tampered_links_get_a_clear_page(client, route):
    for token in ("x", "eyJzIjoxfQ:abc:def", "a" * 2000, "%00"):
        response = client.get(reverse(f"content:{route}", kwargs={"token": token}))
        assert response.status_code == 400
        assert "link" in response.content.decode().lower()


def test_expired_confirmation_link(client):
    subscription = SubscriptionFactory(status=SubscriptionStatus.PENDING, confirmed_at=None)
    token = links.make_token(subscription, links.CONFIRM)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.post(reverse("content:subscription_confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert "expired" in response.content.decode() or "abgelaufen" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PENDING


def test_a_link_with_an_old_secret_no_longer_works(client):
    subscription = SubscriptionFactory()
    token = links.make_token(subscription, links.MANAGE)
    subscription.secret = "0" * 32
    subscription.save()
    response = client.get(reverse("content:subscription_manage", kwargs={"token": token}))
    assert response.status_code == 400


def test_a_forged_payload_with_another_salt_fails(client):
    subscription = SubscriptionFactory()
    forged = signing.dumps({"s": subscription.pk, "k": subscription.secret[:10], "p": "manage"})
    response = client.get(reverse("content:subscription_manage", kwargs={"token": forged}))
    assert response.status_code == 400


def test_preferences_change_through_the_mail_link(client):
    subscription = SubscriptionFactory(topics=["news"])
    field = Ris3FieldFactory()
    url = reverse(
        "content:subscription_manage",
        kwargs={"token": links.make_token(subscription, links.MANAGE)},
    )
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Anna",
            "language": "en",
            "topics": ["events", "calls"],
            "ris3_fields": [field.pk],
        },
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.topics == ["events", "calls"] and subscription.language == "en"
    assert list(subscription.ris3_fields.all()) == [field]
    assert subscription.events.filter(action=SubscriptionAction.PREFERENCES).count() == 1


def test_one_click_unsubscribe_per_rfc_8058_and_no_mail_afterwards(client):
    subscription = SubscriptionFactory(email="weg@beispiel.de")
    issue = IssueFactory()
    token = links.make_token(subscription, links.MANAGE, issue.pk)
    url = reverse("content:subscription_unsubscribe", kwargs={"token": token})
    # GET only asks.
    assert client.get(url).status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).is_active
    # The mail client's POST: no CSRF token, no page.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    [event] = subscription.events.filter(action=SubscriptionAction.UNSUBSCRIBED)
    assert event.source == ConsentSource.ONE_CLICK and event.issue == issue
    # A second click changes nothing.
    strict.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert subscription.events.filter(action=SubscriptionAction.UNSUBSCRIBED).count() == 1
    # The next issue does not reach the address.
    other = SubscriptionFactory()
    send(IssueFactory())
    assert not mails_to("weg@beispiel.de")
    assert len(mails_to(other.email)) == 1


def test_unsubscribing_withdraws_mails_still_waiting(client):
    subscription = SubscriptionFactory(email="wartet@beispiel.de")
    issue = IssueFactory()
    issue.status = "sending"
    issue.save()
    services.issue_materialise_chunk(issue.pk, chunk=10)
    [row] = mails_to("wartet@beispiel.de")
    assert row.status == MailStatus.QUEUED
    services.unsubscribe(subscription, source=ConsentSource.LINK)
    row.refresh_from_db()
    assert row.status == MailStatus.SUPPRESSED


def test_resubscribing_needs_the_double_opt_in_again(client):
    subscription = SubscriptionFactory(email="zurueck@beispiel.de")
    services.unsubscribe(subscription, source=ConsentSource.LINK)
    sign_up(client, "zurueck@beispiel.de")
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    confirmation = mails_to("zurueck@beispiel.de")[-1]
    client.post(path(link_in(confirmation, "bestaetigen")))
    subscription.refresh_from_db()
    assert subscription.is_active
    assert subscription.events.filter(action=SubscriptionAction.RESUBSCRIBED).count() == 1


def test_staff_ends_a_subscription_and_sees_the_history(staff_client):
    subscription = SubscriptionFactory()
    url = reverse("content:subscription_detail", kwargs={"pk": subscription.pk})
    assert staff_client.post(url).status_code == 302
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    page = staff_client.get(url).content.decode()
    assert "office" in page or "Büro" in page or "Geschäftsstelle" in page
    listing = staff_client.get(reverse("content:subscription_list"), {"status": "unsubscribed"})
    assert subscription.email in listing.content.decode()


def test_imports_never_create_newsletter_subscriptions():
    """The registry's people are no subscribers: only the double opt-in makes one."""
    PersonFactory(email="import@beispiel.de")
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("nasty", NASTY_STRINGS)
def test_nasty_input_in_the_sign_up_form(client, nasty):
    response = sign_up(client, email=nasty, name=nasty)
    assert response.status_code in (302, 400)
    body = response.content.decode() if response.status_code == 400 else ""
    assert "<script>alert" not in body
    for row in OutgoingMail.objects.all():
        assert "\n" not in row.subject and "\r" not in row.subject


def test_a_line_break_in_the_name_is_refused(client):
    response = sign_up(client, name="Anna\r\nBcc: alle@beispiel.de")
    assert response.status_code == 400
    assert not Subscription.objects.exists() and not OutgoingMail.objects.exists()


def test_a_person_added_to_the_registry_later_is_linked_when_an_issue_goes_out():
    subscription = SubscriptionFactory(email="spaeter@hasetal.de")
    SubscriptionEvent.objects.create(
        subscription=subscription,
        action=SubscriptionAction.CONFIRMED,
        source=ConsentSource.LINK,
        text_version=CONSENT_TEXT_VERSION,
    )
    person = PersonFactory(email="Spaeter@hasetal.de")
    send(IssueFactory())
    subscription.refresh_from_db()
    assert subscription.person == person
    [consent] = Consent.objects.filter(person=person, purpose=ConsentPurpose.NEWSLETTER)
    assert consent.granted and consent.source == "newsletter: link"
    assert services.link_people() == 0  # once only
