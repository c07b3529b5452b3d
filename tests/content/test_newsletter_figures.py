"""The newsletter's indicators and the staff start page's newsletter card."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.content import tasks
from innonet.content.services import newsletter as services
from innonet.core.models import MailStatus, OutgoingMail
from innonet.reporting.indicators import Period, compute
from innonet.reporting.indicators.facts import load_facts
from tests.content.newsletter_factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def sent_issue(subject, recipients):
    SubscriptionFactory.create_batch(recipients)
    issue = services.issue_save(None, subject=subject, introduction="Hallo")
    services.issue_schedule(issue, when=None, acting_user=None)
    tasks.send_issue.call(issue_id=issue.pk)
    return issue


def test_issues_sent_and_recipients_reached():
    issue = sent_issue("Januar", 3)
    rows = OutgoingMail.objects.filter(batch=issue.batch).order_by("pk")
    rows.filter(pk=rows[0].pk).update(status=MailStatus.FAILED)
    rows.exclude(pk=rows[0].pk).update(status=MailStatus.SENT)
    today = timezone.localdate()
    period = Period(today - timedelta(days=30), today)
    facts = load_facts(None)
    results = compute(facts, period, ["newsletter_issues", "newsletter_recipients"])
    assert results["newsletter_issues"].value == 1
    assert results["newsletter_recipients"].value == 2
    earlier = Period(today - timedelta(days=400), today - timedelta(days=200))
    assert compute(facts, earlier, ["newsletter_issues"])["newsletter_issues"].value == 0


def test_staff_start_page_shows_the_last_issue_and_scheduled_ones(staff_client):
    sent_issue("Letzte Ausgabe", 2)
    waiting = services.issue_save(None, subject="Nächste Ausgabe", introduction="Hallo")
    services.issue_schedule(waiting, when=timezone.now() + timedelta(days=2), acting_user=None)
    page = staff_client.get(reverse("reporting:home")).content.decode()
    assert "Letzte Ausgabe" in page and "Nächste Ausgabe" in page
