"""The newsletter's part of a person's export and erasure: subscriptions with the person's
address or linked to their registry entry, with their consent log.

Erasure ends the subscription and replaces the address with a tombstone; the consent log
entries stay (they name no one once the address is gone), so the counts of subscriptions and
of unsubscriptions per issue stay right. A new secret voids every link in old mails."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import Erasure, Identity, Section

from ..models import Subscription, SubscriptionStatus
from ..models.newsletter import new_secret

REMOVED, KEPT = Erasure.REMOVED, Erasure.KEPT


def _subscriptions(identity: Identity):
    found = Q(email__in=identity.emails)
    if identity.person_id:
        found |= Q(person_id=identity.person_id)
    return Subscription.objects.filter(found).order_by("pk")


@privacy.contributor
class NewsletterData(privacy.Contributor):
    """Newsletter subscriptions and their consent log."""

    name = "newsletter"
    order = 45
    fields = {
        "content.Subscription.email": REMOVED,
        "content.Subscription.name": REMOVED,
        "content.Subscription.language": KEPT,
        "content.Subscription.topics": KEPT,
        "content.Subscription.person": REMOVED,
        "content.SubscriptionEvent.action": KEPT,
        "content.SubscriptionEvent.source": KEPT,
        "content.SubscriptionEvent.recorded_at": KEPT,
        "content.SubscriptionEvent.text_version": KEPT,
    }

    def identify(self, identity: Identity) -> None:
        for subscription in _subscriptions(identity):
            identity.add_email(subscription.email)
        identity.add_records(
            Subscription, list(_subscriptions(identity).values_list("pk", flat=True))
        )

    def collect(self, identity: Identity) -> list[Section]:
        subscriptions = list(_subscriptions(identity))
        rows = [
            privacy.row(
                subscription,
                email=subscription.email,
                name=subscription.name,
                status=subscription.get_status_display(),
                language=subscription.language,
                topics=", ".join(subscription.topic_labels()),
                confirmed_at=subscription.confirmed_at,
                unsubscribed_at=subscription.unsubscribed_at,
            )
            for subscription in subscriptions
        ]
        log = [
            privacy.row(
                event,
                email=subscription.email,
                action=event.action,
                action_label=event.get_action_display(),
                source=event.source,
                recorded_at=event.recorded_at,
                text_version=event.text_version,
            )
            for subscription in subscriptions
            for event in subscription.events.order_by("recorded_at", "pk")
        ]
        return [
            Section(
                "newsletter",
                _("Newsletter subscriptions"),
                {
                    **privacy.field_labels(Subscription, "email", "name", "status", "language"),
                    "topics": _("topics"),
                    "confirmed_at": _("confirmed"),
                    "unsubscribed_at": _("unsubscribed"),
                },
                rows,
            ),
            Section(
                "newsletter_consents",
                _("Newsletter consent history"),
                {
                    "email": _("e-mail address"),
                    "action": _("action"),
                    "action_label": _("what"),
                    "source": _("source"),
                    "recorded_at": _("recorded"),
                    "text_version": _("text version"),
                },
                log,
            ),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        count = 0
        for subscription in _subscriptions(identity):
            subscription.email = f"erased-{subscription.pk}@invalid"
            subscription.name = ""
            subscription.person = None
            subscription.status = SubscriptionStatus.UNSUBSCRIBED
            subscription.unsubscribed_at = subscription.unsubscribed_at or timezone.now()
            subscription.secret = new_secret()
            subscription.save()
            count += 1
        return {"subscriptions": count}
