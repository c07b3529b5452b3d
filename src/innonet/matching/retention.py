"""Matchmaking's retention rule: profiles, introductions and answers are kept with their
record (no time-based job); erasure removes the person from them."""

from django.utils.translation import gettext_lazy as _

from innonet.core.privacy.register import MATCHMAKING
from innonet.core.privacy.retention import Action, RetentionRule, retention_rule

retention_rule(
    RetentionRule(
        "matching.records",
        _("Cooperation profiles, introductions and answers"),
        MATCHMAKING,
        Action.KEEP,
    )
)
