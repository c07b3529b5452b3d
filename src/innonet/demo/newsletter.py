"""Demo newsletter: a few confirmed subscriptions (through the services, source "demo") and
one issue sent a week ago, so the composer, the subscriber list and the start page have
something to show. The demo's mails are marked sent at once: no demo mail leaves the
machine."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from innonet.content import tasks
from innonet.content.models import ConsentSource, Issue, Subscription
from innonet.content.services import newsletter as services
from innonet.core.models import MailStatus, OutgoingMail, Ris3Field
from innonet.partners.models import Person

DEMO_SUBJECT = "Neues aus dem Netzwerk"
ANONYMOUS = [
    ("leserin@beispiel.example", "Lea Leserin", ["news", "events"]),
    ("foerderung@beispiel.example", "", ["calls"]),
    ("reader@example.example", "Robin Reader", []),
]


def write_newsletter(*, today: Any, staff: Any) -> dict:
    """Subscriptions and one sent issue; nothing when the demo issue exists already."""
    if Issue.objects.filter(subject=DEMO_SUBJECT).exists():
        return {"newsletter_subscriptions": Subscription.objects.count()}
    fields = list(Ris3Field.objects.active().order_by("pk")[:2])
    wanted = list(ANONYMOUS)
    for person in Person.objects.present().exclude(email="").order_by("pk")[:3]:
        wanted.append((person.email, str(person), []))
    for index, (email, name, topics) in enumerate(wanted):
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
    services.issue_schedule(issue, when=None, acting_user=staff)
    tasks.send_issue.call(issue_id=issue.pk)
    sent_at = timezone.now() - timedelta(days=7)
    Issue.objects.filter(pk=issue.pk).update(
        started_at=sent_at, finished_at=sent_at, scheduled_for=sent_at
    )
    OutgoingMail.objects.filter(batch=issue.batch).exclude(status=MailStatus.SUPPRESSED).update(
        status=MailStatus.SENT, sent_at=sent_at, attempts=1
    )
    return {"newsletter_subscriptions": len(wanted), "newsletter_issues": 1}
