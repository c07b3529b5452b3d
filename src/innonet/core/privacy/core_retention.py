"""Core's retention rules: audit log, access log, outbox texts, stored API answers, results
of background jobs and expired sessions."""

from datetime import datetime

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..models import AuditEntry, OutgoingMail, PersonalDataAccess
from ..outbox.retention import CLEARED, DONE
from ..rest.models import IdempotencyKey
from .register import ACCOUNT, API_REPLAY, BACKGROUND_JOBS, MAIL_DELIVERY, SECURITY
from .retention import Action, RetentionRule, retention_rule


def _mail_texts(cutoff: datetime) -> QuerySet:
    return OutgoingMail.objects.filter(status__in=DONE, created_at__lt=cutoff).exclude(
        body_text=CLEARED
    )


def _clear_mail_texts(rows: QuerySet) -> int:
    return rows.update(body_text=CLEARED, body_html="", headers={})


retention_rule(
    RetentionRule(
        "core.audit_entries",
        _("Audit entries"),
        SECURITY,
        Action.DELETE,
        due=lambda cutoff: AuditEntry.objects.filter(created_at__lt=cutoff),
    )
)
retention_rule(
    RetentionRule(
        "core.data_accesses",
        _("Log of who opened or exported personal data"),
        SECURITY,
        Action.DELETE,
        due=lambda cutoff: PersonalDataAccess.objects.filter(created_at__lt=cutoff),
    )
)
retention_rule(
    RetentionRule(
        "core.mail_texts",
        _("Texts of sent e-mails"),
        MAIL_DELIVERY,
        Action.ANONYMISE,
        due=_mail_texts,
        anonymise=_clear_mail_texts,
    )
)
retention_rule(
    RetentionRule(
        "core.api_answers",
        _("Stored answers to repeated API writes"),
        API_REPLAY,
        Action.DELETE,
        due=lambda cutoff: IdempotencyKey.objects.filter(created_at__lt=cutoff),
    )
)
retention_rule(
    RetentionRule(
        "core.task_results",
        _("Results of finished background jobs"),
        BACKGROUND_JOBS,
        Action.DELETE,
        due=lambda cutoff: DBTaskResult.objects.filter(
            status__in=(TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED),
            finished_at__lt=cutoff,
        ),
    )
)
retention_rule(
    RetentionRule(
        "core.sessions",
        _("Expired sign-in sessions"),
        ACCOUNT,
        Action.DELETE,
        due=lambda cutoff: Session.objects.filter(expire_date__lt=cutoff),
        own_expiry=True,
    )
)
