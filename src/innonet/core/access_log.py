"""Record who opened or exported whose personal data, and read it back per person.

Pages and the API record one row per person concerned, written in one statement (a bulk
insert for lists and exports). Views of one record and API reads record *quietly*: when the
insert fails, the failure is logged and the page is still shown, because refusing to show a
record that the user may see protects nobody. Exports record inside their own transaction,
with their audit entry: an export whose access cannot be recorded is not handed out."""

import logging
from collections.abc import Iterable

from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AccessKind, PersonalDataAccess
from .request_context import request_id_var

__all__ = ["AccessKind", "access_record", "access_record_quietly", "accesses_of"]

logger = logging.getLogger(__name__)

BATCH_SIZE = 500  # rows per INSERT: 4,000 parameters, within every database's limit


def _actor(user) -> tuple[object | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user, str(user)[:200]


COLUMNS = (
    "created_at", "actor", "actor_label", "kind", "subject_type", "subject_id", "source",
    "request_id",
)  # fmt: skip


def _insert(rows: list[tuple]) -> None:
    """Multi-row inserts without building model instances: Django's bulk_create spent most
    of an export's logging time preparing 10,000 objects, and `executemany` costs one round
    trip per row on PostgreSQL (docs/benchmarks.md)."""
    meta = PersonalDataAccess._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in COLUMNS)
    row_marks = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            values = ", ".join([row_marks] * len(batch))
            # Table and column names come from the model, every value is a parameter.
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608  # nosec B608
            cursor.execute(sql, [value for row in batch for value in row])


def access_record(
    subject_type: str,
    subject_ids: Iterable[int],
    *,
    kind: str,
    source: str,
    user,
) -> int:
    """Record that `user` accessed the records `subject_type` (e.g. "partners.person") with
    the given ids through `source` (a page or export name); returns the rows written."""
    actor, label = _actor(user)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    fixed = (now, getattr(actor, "pk", None), label, str(kind), subject_type)
    tail = (source[:200], request_id_var.get()[:64])
    rows = [(*fixed, int(pk), *tail) for pk in dict.fromkeys(subject_ids) if pk is not None]
    _insert(rows)
    return len(rows)


def access_record_quietly(
    subject_type: str, subject_ids: Iterable[int], *, kind: str, source: str, user
) -> int:
    """`access_record` for pages and API reads: a failed insert is logged, never raised."""
    subject_ids = list(subject_ids)
    if not subject_ids:
        return 0
    try:
        with transaction.atomic():
            return access_record(subject_type, subject_ids, kind=kind, source=source, user=user)
    except DatabaseError:
        logger.exception("access log: could not record %s of %s", kind, subject_type)
        return 0


def accesses_of(records: dict[str, set[int]]) -> QuerySet[PersonalDataAccess]:
    """The accesses to any of `records` (record type -> ids), newest first."""
    condition = Q(pk__in=[])
    for subject_type, ids in records.items():
        if ids:
            condition |= Q(subject_type=subject_type, subject_id__in=list(ids))
    return PersonalDataAccess.objects.filter(condition).order_by("-created_at", "-pk")
