"""Retention of every kind of personal data: one rule per kind, one run for all of them.

A rule names the processing of the register it enforces, takes that processing's `Period`
(so the register's text and the job read one setting) and says what happens to the rows that
are due: deleted, anonymised, flagged for the office (where a person has to decide), or kept
with their record (no time-based job; they go with the record or on erasure). Apps register
the rules for their own models from their `privacy` module, as they register contributors.

`retention_run` counts what is due per kind (a dry run) or acts on it, in batches with a
progress callback, and records one audit entry with the counts per kind and no personal data.
The daily background task `core.tasks.privacy_retention` runs it; the worker's heartbeat
enqueues that task when no run was enqueued in the last day (`retention_nudge`)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .register import PROCESSINGS, Period, Processing

__all__ = [
    "Action",
    "Outcome",
    "RetentionRule",
    "retention_nudge",
    "retention_rule",
    "retention_rules",
    "retention_run",
]

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
RUN_EVERY = timedelta(days=1)

Progress = Callable[[str, int, int], None]


class Action(models.TextChoices):
    """What the retention job does with the due rows of one kind."""

    DELETE = "delete", _("deleted")
    ANONYMISE = "anonymise", _("anonymised")
    FLAG = "flag", _("flagged for the office")
    KEEP = "keep", _("kept with their record")


@dataclass(frozen=True)
class RetentionRule:
    """One kind of personal data: its processing, what happens when its period is over, the
    rows due at a cutoff and (for anonymising) how one batch of them is anonymised."""

    key: str
    label: str | Promise
    processing: Processing
    action: Action
    due: Callable[[datetime], models.QuerySet] | None = None
    anonymise: Callable[[models.QuerySet], int] | None = None
    # Rows that expire by their own date (sessions) need no period of the register.
    own_expiry: bool = False

    @property
    def period(self) -> Period | None:
        return None if self.own_expiry else self.processing.retention.period

    @property
    def processing_key(self) -> str:
        return next(key for key, item in PROCESSINGS.items() if item is self.processing)

    def cutoff(self, now: datetime) -> datetime:
        period = self.period
        return now - period.delta if period is not None else now

    def due_rows(self, now: datetime) -> models.QuerySet | None:
        return None if self.due is None else self.due(self.cutoff(now))


_RULES: dict[str, RetentionRule] = {}


def retention_rule(rule: RetentionRule) -> RetentionRule:
    """Register one kind's rule (once per key); a rule that acts needs rows to act on."""
    if rule.action != Action.KEEP and rule.due is None:
        raise ValueError(f"retention rule {rule.key} acts on nothing")
    if rule.action == Action.ANONYMISE and rule.anonymise is None:
        raise ValueError(f"retention rule {rule.key} does not say how to anonymise")
    if rule.action != Action.KEEP and rule.period is None and not rule.own_expiry:
        raise ValueError(f"retention rule {rule.key}: its processing names no period")
    _RULES[rule.key] = rule
    return rule


def retention_rules() -> list[RetentionRule]:
    """The registered rules in a stable order (by key)."""
    return [_RULES[key] for key in sorted(_RULES)]


@dataclass
class Outcome:
    """What one kind had due and what the run did with it."""

    rule: RetentionRule
    due: int
    done: int = 0


def _delete_batch(queryset: models.QuerySet, pks: list) -> int:
    # The plain QuerySet.delete: append-only logs refuse their own delete(), and retention
    # is the one way their rows leave.
    rows = queryset.model._base_manager.filter(pk__in=pks)
    return models.QuerySet.delete(rows)[1].get(queryset.model._meta.label, 0)


def _act(rule: RetentionRule, rows: models.QuerySet, total: int, progress: Progress | None) -> int:
    """Delete or anonymise the due rows in batches, each batch in its own transaction, so a
    long first run neither holds one huge transaction nor loses the batches already done."""
    done = 0
    while done < total:
        pks = list(rows.order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
        if not pks:
            break
        with transaction.atomic():
            if rule.action == Action.DELETE:
                _delete_batch(rows, pks)
            else:
                assert rule.anonymise is not None  # noqa: S101 - checked at registration
                rule.anonymise(rows.model._base_manager.filter(pk__in=pks))
        done += len(pks)
        if progress is not None:
            progress(rule.key, min(done, total), total)
    return done


def retention_run(
    *,
    apply: bool = False,
    keys: list[str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> list[Outcome]:
    """Count (dry run) or act on what is due per kind; with `apply`, one audit entry records
    the counts per kind. Unknown keys are refused before anything happens."""
    from .. import audit

    unknown = sorted(set(keys or []) - set(_RULES))
    if unknown:
        raise ValueError(f"unknown retention kind(s): {', '.join(unknown)}")
    now = now or timezone.now()
    outcomes: list[Outcome] = []
    for rule in retention_rules():
        if keys and rule.key not in keys:
            continue
        rows = rule.due_rows(now)
        outcome = Outcome(rule, due=rows.count() if rows is not None else 0)
        if apply and rows is not None and outcome.due and rule.action in _ACTING:
            outcome.done = _act(rule, rows, outcome.due, progress)
        outcomes.append(outcome)
    if apply:
        counts: dict[str, dict[str, int]] = {}
        for outcome in outcomes:
            number = outcome.done if outcome.rule.action in _ACTING else outcome.due
            if number:
                counts.setdefault(str(outcome.rule.action.value), {})[outcome.rule.key] = number
        audit.record(None, "core.retention.applied", data=counts)
    return outcomes


_ACTING = (Action.DELETE, Action.ANONYMISE)


def retention_nudge(*, now: datetime | None = None) -> bool:
    """Enqueue the daily retention run when none was enqueued in the last day (called from
    the worker's heartbeat; without the database task backend it does nothing)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from ..tasks import privacy_retention

    if not isinstance(privacy_retention.get_backend(), DatabaseBackend):
        return False
    since = (now or timezone.now()) - RUN_EVERY
    recent = DBTaskResult.objects.filter(
        task_path=privacy_retention.module_path, enqueued_at__gte=since
    )
    if recent.exists():
        return False
    privacy_retention.enqueue()
    logger.info("retention: the daily run is enqueued")
    return True
