"""Projects' retention rule: the project's notes, tasks and documents are kept with the
project (no time-based job); erasure removes the person from them."""

from django.utils.translation import gettext_lazy as _

from innonet.core.privacy.register import PROJECT_WORK
from innonet.core.privacy.retention import Action, RetentionRule, retention_rule

retention_rule(
    RetentionRule(
        "projects.work", _("Project notes, tasks and documents"), PROJECT_WORK, Action.KEEP
    )
)
