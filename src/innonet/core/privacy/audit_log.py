"""Core's part of a person's export and erasure: the audit log, the admin's change log and
the results of background jobs. It runs last, so labels are rewritten from the records as the
other apps left them."""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from ..models import AuditEntry
from .export import Section, field_labels, row
from .identity import ERASED, Identity, mentioning, overwrite, redact_rows
from .registry import Contributor, Erasure, contributor

AUDIT_TEXT = ["object_label", "actor_label", "data"]
TASK_TEXT = ["return_value", "traceback"]
ADMIN_TEXT = ["object_repr", "change_message"]


def _about_records(identity: Identity) -> Q:
    """Entries whose object is one of the person's own records (audit and admin logs)."""
    condition = Q(pk__in=[])
    for label, pks in identity.records.items():
        content_type = ContentType.objects.get_for_model(apps.get_model(label))
        condition |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    return condition


def _own_addresses(identity: Identity) -> Q:
    """Entries whose client address is the person's: their own actions, signed in or not."""
    return Q(actor_id__in=identity.user_ids) | (_about_records(identity) & Q(actor__isnull=True))


def _audit_rows(identity: Identity) -> list[dict]:
    named = mentioning(AuditEntry.objects.all(), AUDIT_TEXT, identity).values("pk")
    found = _about_records(identity) | Q(actor_id__in=identity.user_ids) | Q(pk__in=named)
    own = set(AuditEntry.objects.filter(_own_addresses(identity)).values_list("pk", flat=True))
    return [
        row(
            entry,
            created_at=entry.created_at,
            action=entry.action,
            object_label=entry.object_label,
            actor_label=entry.actor_label,
            ip_address=entry.ip_address if entry.pk in own else None,
            data=entry.data,
        )
        for entry in AuditEntry.objects.filter(found).order_by("created_at", "pk")
    ]


def _admin_rows(identity: Identity) -> list[dict]:
    named = mentioning(LogEntry.objects.all(), ADMIN_TEXT, identity).values("pk")
    entries = LogEntry.objects.filter(_about_records(identity) | Q(pk__in=named))
    return [
        row(
            entry,
            created_at=entry.action_time,
            action=f"admin.{entry.action_flag}",
            object_label=entry.object_repr,
            actor_label=str(entry.user),
        )
        for entry in entries.select_related("user").order_by("action_time", "pk")
    ]


def _task_rows(identity: Identity) -> list[dict]:
    return [
        row(task, task_path=task.task_path, status=task.status, finished_at=task.finished_at)
        for task in mentioning(DBTaskResult.objects.all(), TASK_TEXT, identity)
    ]


@contributor
class AuditLogData(Contributor):
    """Audit entries about the person's records, by their accounts, or naming them."""

    name = "audit"
    order = 1000
    fields = {
        "core.AuditEntry.actor_label": Erasure.REMOVED,
        "core.AuditEntry.object_label": Erasure.REMOVED,
        "core.AuditEntry.ip_address": Erasure.REMOVED,
    }

    def collect(self, identity: Identity) -> list[Section]:
        keys = ("created_at", "action", "object_label", "actor_label", "ip_address", "data")
        jobs = {"task_path": _("job"), "status": _("status"), "finished_at": _("finished")}
        return [
            Section(
                "audit_log",
                _("Audit log"),
                field_labels(AuditEntry, *keys),
                _audit_rows(identity) + _admin_rows(identity),
            ),
            Section(
                "background_jobs", _("Background jobs that name you"), jobs, _task_rows(identity)
            ),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        relabelled = self._relabel_records(identity)
        entries = AuditEntry.objects.filter(actor_id__in=identity.user_ids)
        for user in get_user_model().objects.filter(pk__in=identity.user_ids):
            mine = entries.filter(actor=user).values_list("pk", flat=True)
            overwrite(AuditEntry, mine, actor_label=str(user)[:200])
        addresses = AuditEntry.objects.filter(_own_addresses(identity), ip_address__isnull=False)
        return {
            "audit_labels": relabelled
            + redact_rows(AuditEntry.objects.all(), AUDIT_TEXT, identity)
            + redact_rows(LogEntry.objects.all(), ADMIN_TEXT, identity),
            "addresses": overwrite(
                AuditEntry, addresses.values_list("pk", flat=True), ip_address=None
            ),
            "background_jobs": redact_rows(DBTaskResult.objects.all(), TASK_TEXT, identity),
        }

    def _relabel_records(self, identity: Identity) -> int:
        """Entries about the person's records take the record's label as erasure left it."""
        changed = 0
        for label, pks in identity.records.items():
            model = apps.get_model(label)
            records = model._base_manager.in_bulk(list(pks))
            content_type = ContentType.objects.get_for_model(model)
            for pk in pks:
                text = str(records[pk])[:200] if pk in records else ERASED
                about = {"content_type": content_type, "object_id": str(pk)}
                changed += overwrite(
                    AuditEntry,
                    AuditEntry.objects.filter(**about).values_list("pk", flat=True),
                    object_label=text,
                )
                changed += LogEntry.objects.filter(**about).update(object_repr=text)
        return changed
