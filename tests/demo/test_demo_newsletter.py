"""The demo's newsletter: confirmed subscriptions through the services and one sent issue."""

import pytest

from innonet.content.models import ConsentSource, Issue, IssueStatus, Subscription
from innonet.content.newsletter.figures import issue_figures
from innonet.core.models import MailStatus, OutgoingMail
from innonet.demo.services import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_has_subscribers_and_one_sent_issue():
    demo_load(seed=3)
    subscriptions = Subscription.objects.all()
    assert subscriptions.count() >= 4
    assert all(s.is_active for s in subscriptions)
    for subscription in subscriptions:
        sources = set(subscription.events.values_list("source", flat=True))
        assert sources == {ConsentSource.DEMO}
    assert subscriptions.filter(person__isnull=False).exists()
    [issue] = Issue.objects.all()
    assert issue.status == IssueStatus.SENT
    assert issue_figures(issue).sent == subscriptions.count()
    # No confirmation mail, and no mail waiting to leave the machine.
    assert not OutgoingMail.objects.filter(status=MailStatus.QUEUED).exists()
    assert not OutgoingMail.objects.filter(category="newsletter-confirm").exists()
    demo_load(seed=3)
    assert Issue.objects.count() == 1
