"""Demo newsletter: a few confirmed subscriptions (through the services, source "demo") and
one issue sent a week ago, so the composer, the subscriber list and the start page have
something to show. The demo's mails are marked sent at once: no demo mail leaves the
machine."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from innonet.content import tasks
from innonet.content.models import (
    CONSENT_TEXT_VERSION,
    ConsentSource,
    Issue,
    IssueStatus,
    Subscription,
    SubscriptionAction,
    SubscriptionEvent,
    SubscriptionStatus,
)
from innonet.content.services import newsletter as services
from innonet.core.models import MailStatus, OutgoingMail, Ris3Field
from innonet.partners.models import Consent, ConsentPurpose

DEMO_SUBJECT = "Neues aus dem Netzwerk"
ANONYMOUS = [
    ("leserin@beispiel.example", "Lea Leserin", ["news", "events"]),
    ("foerderung@beispiel.example", "", ["calls"]),
    ("reader@example.example", "Robin Reader", []),
]


def write_newsletter(*, today: Any, staff: Any) -> dict:
    """Subscriptions and one sent issue; nothing when the demo issue exists already.

    The visitors' subscriptions go through the services (sign-up and confirmation, source
    "demo", no mail). The registry's people whose demo consent log already holds a confirmed
    newsletter sign-up get their subscription in bulk, linked to them, without a second
    consent entry; like the rest of the demo, no audit entry per record."""
    if Issue.objects.filter(subject=DEMO_SUBJECT).exists():
        return {"newsletter_subscriptions": Subscription.objects.count()}
    fields = list(Ris3Field.objects.active().order_by("pk")[:2])
    for index, (email, name, topics) in enumerate(ANONYMOUS):
        services.subscribe(
            email=email,
            name=name,
            language="en" if email.endswith("example.example") else "de",
            topics=topics,
            ris3_fields=fields[: index % 3],
            source=ConsentSource.DEMO,
            send_confirmation=False,
        )
        services.confirm(Subscription.objects.get(email=email), source=ConsentSource.DEMO)
    linked = _registry_subscriptions()
    issue = services.issue_save(
        None,
        subject=DEMO_SUBJECT,
        introduction=(
            "Liebe Mitglieder und Freunde des Netzwerks,\n\n"
            "hier sind die **Termine, Förderaufrufe und Kooperationsangebote** der nächsten "
            "Wochen."
        ),
        personal_section=True,
        acting_user=staff,
    )
    services.issue_propose(issue)
    sent_at = timezone.now() - timedelta(days=7)
    Issue.objects.filter(pk=issue.pk).update(
        status=IssueStatus.SENDING, started_at=sent_at, scheduled_for=sent_at, sent_by=staff
    )
    tasks.send_issue.call(issue_id=issue.pk)
    Issue.objects.filter(pk=issue.pk).update(finished_at=sent_at)
    mails = OutgoingMail.objects.filter(batch=issue.batch)
    mails.update(created_at=sent_at)  # queued when the issue went out, not when the demo ran
    mails.exclude(status=MailStatus.SUPPRESSED).update(
        status=MailStatus.SENT, sent_at=sent_at, attempts=1
    )
    return {"newsletter_subscriptions": len(ANONYMOUS) + linked, "newsletter_issues": 1}


def _registry_subscriptions(limit: int = 12) -> int:
    """Subscriptions of registry people whose newest newsletter consent is a confirmed grant."""
    newest: dict[int, Consent] = {}
    consents = Consent.objects.filter(purpose=ConsentPurpose.NEWSLETTER).order_by(
        "recorded_at", "pk"
    )
    for consent in consents.select_related("person"):
        newest[consent.person_id] = consent
    people = [
        c.person
        for c in newest.values()
        if c.granted and c.person.email and c.person.erased_at is None
    ][:limit]
    taken = set(Subscription.objects.values_list("email", flat=True))
    subscriptions = []
    for person in people:
        if person.email in taken:
            continue
        taken.add(person.email)
        subscriptions.append(
            Subscription(
                email=person.email,
                name=str(person),
                language=person.language,
                status=SubscriptionStatus.ACTIVE,
                person=person,
                confirmed_at=newest[person.pk].recorded_at,
            )
        )
    created = Subscription.objects.bulk_create(subscriptions)
    SubscriptionEvent.objects.bulk_create(
        SubscriptionEvent(
            subscription=subscription,
            action=SubscriptionAction.CONFIRMED,
            source=ConsentSource.DEMO,
            text_version=CONSENT_TEXT_VERSION,
        )
        for subscription in created
    )
    return len(created)
