"""Accounts' retention rule: active accounts not used for the inactivity period are flagged
for the office, which closes them (an account may be needed again; closing is a decision)."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.privacy.register import ACCOUNT
from innonet.core.privacy.retention import Action, RetentionRule, retention_rule

from .models import User


def accounts_unused(cutoff: datetime) -> QuerySet[User]:
    """Active accounts whose last sign-in (or, never signed in, creation) is before `cutoff`."""
    return User.objects.filter(is_active=True).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )


retention_rule(
    RetentionRule(
        "accounts.unused",
        _("User accounts without sign-in"),
        ACCOUNT,
        Action.FLAG,
        due=accounts_unused,
    )
)
