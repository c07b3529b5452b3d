"""Content's retention rules: a newsletter subscription that ended (or was never confirmed)
longer ago than the consent period goes with its consent log; authors stay with their items."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.privacy.register import NEWSLETTER, PUBLICATIONS
from innonet.core.privacy.retention import Action, RetentionRule, retention_rule

from .models import Subscription, SubscriptionStatus


def subscriptions_due(cutoff: datetime) -> QuerySet[Subscription]:
    """Unsubscribed before `cutoff`, or asked for before it and never confirmed."""
    return Subscription.objects.filter(
        Q(status=SubscriptionStatus.UNSUBSCRIBED, unsubscribed_at__lt=cutoff)
        | Q(status=SubscriptionStatus.PENDING, created_at__lt=cutoff)
    )


retention_rule(
    RetentionRule(
        "content.subscriptions",
        _("Ended newsletter subscriptions and their consent log"),
        NEWSLETTER,
        Action.DELETE,
        due=subscriptions_due,
    )
)
retention_rule(
    RetentionRule("content.authors", _("Authors of news and articles"), PUBLICATIONS, Action.KEEP)
)
