"""Record who opened or exported whose personal data, and read it back per person.

Pages and the API record one row per person concerned, written in one statement (a bulk
insert for lists and exports). Views of one record and API reads record *quietly*: when the
insert fails, the failure is logged and the page is still shown, because refusing to show a
record that the user may see protects nobody. Exports record inside their own transaction,
with their audit entry: an export whose access cannot be recorded is not handed out."""

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .durability import commit_without_waiting_for_the_disk
from .models import AccessKind, PersonalDataAccess
from .request_context import request_id_var

__all__ = [
    "AccessKind",
    "access_record",
    "access_record_quietly",
    "access_subject_moved",
    "accesses_of",
    "described",
    "described_in_chunks",
]

logger = logging.getLogger(__name__)


def _actor(user) -> tuple[object | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user, str(user)[:200]


COLUMNS = (
    "created_at", "actor", "actor_label", "kind", "subject_type", "subject_id", "source",
    "request_id",
)  # fmt: skip


def _insert(fixed: tuple, ids: list[int], tail: tuple) -> None:
    """Insert one row per id in one statement, the ids as one array parameter: bulk_create
    spent most of an export's logging time preparing 10,000 model objects, and a statement
    with 10,000 rows of placeholders cost the driver more than the insert (docs/benchmarks.md).
    PostgreSQL reads the array with `unnest`, SQLite (and others) a JSON array with
    `json_each`."""
    meta = PersonalDataAccess._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(meta.get_field(name).column) for name in COLUMNS)
    # Table and column names come from the model, every value is a parameter.
    if connection.vendor == "postgresql":
        select = (
            "SELECT %s::timestamptz, %s::bigint, %s, %s, %s, id, %s, %s"
            " FROM unnest(%s::bigint[]) AS id"
        )
        ids_param: object = ids
    else:
        select = "SELECT %s, %s, %s, %s, %s, value, %s, %s FROM json_each(%s)"
        ids_param = json.dumps(ids)
    sql = f"INSERT INTO {table} ({columns}) {select}"  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*fixed, *tail, ids_param])


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
    ids = [int(pk) for pk in dict.fromkeys(subject_ids) if pk is not None]
    if ids:
        _insert(fixed, ids, tail)
    return len(ids)


def access_record_quietly(
    subject_type: str, subject_ids: Iterable[int], *, kind: str, source: str, user
) -> int:
    """`access_record` for pages and API reads: a failed insert is logged, never raised."""
    subject_ids = list(subject_ids)
    if not subject_ids:
        return 0
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost:
                # A page or API read does not wait for the disk to log itself; inside someone
                # else's transaction that transaction decides (docs/decisions.md).
                commit_without_waiting_for_the_disk()
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


def access_subject_moved(subject_type: str, old_id: int, new_id: int) -> int:
    """Move the accesses of a merged record to the record it was merged into, so "who saw
    this person" still lists them; returns the rows moved."""
    rows = PersonalDataAccess.objects.filter(subject_type=subject_type, subject_id=old_id)
    return rows.update(subject_id=new_id)


# What office staff read for the places that record accesses; an export's file name is shown
# as it is, since it already says what was exported.
SOURCE_LABELS = {
    "partners:person_detail": _("person page"),
    "person data export (PDF)": _("person data export (PDF)"),
    "person data export (JSON)": _("person data export (JSON)"),
    "participant list (PDF)": _("participant list (PDF)"),
    "name badges (PDF)": _("name badges (PDF)"),
    "api: people list": _("API: list of people"),
    "api: person": _("API: one person"),
}


@dataclass(frozen=True)
class DescribedAccess:
    access: PersonalDataAccess
    source: str
    record: str


def _record_labels(accesses: Sequence[PersonalDataAccess]) -> dict[tuple[str, int], str]:
    """ "registration: Jane Doe · Digital breakfast" for each record, fetched in one query per
    record type; a record deleted since reads "registration (deleted, no. 12)"."""
    wanted: dict[str, set[int]] = {}
    for access in accesses:
        wanted.setdefault(access.subject_type, set()).add(access.subject_id)
    labels = {}
    for subject_type, ids in wanted.items():
        try:
            model = apps.get_model(subject_type)
        except (LookupError, ValueError):
            model = None
        found = _records(model, ids) if model else {}
        kind = str(model._meta.verbose_name) if model else subject_type
        for pk in ids:
            record = found.get(pk)
            labels[subject_type, pk] = (
                f"{kind}: {getattr(record, 'access_label', record)}"
                if record is not None
                else gettext("%(kind)s (deleted, no. %(id)d)") % {"kind": kind, "id": pk}
            )
    return labels


def _records(model, ids: set[int]) -> dict:
    """A model names what its `access_label` needs in `ACCESS_LABEL_RELATED`."""
    related = getattr(model, "ACCESS_LABEL_RELATED", ())
    return model._default_manager.select_related(*related).in_bulk(ids)


def described(accesses: Iterable[PersonalDataAccess]) -> list[DescribedAccess]:
    """The accesses with what office staff read for their page or export and their record."""
    accesses = list(accesses)
    records = _record_labels(accesses)
    return [
        DescribedAccess(
            access=access,
            source=str(SOURCE_LABELS.get(access.source, access.source)),
            record=records[access.subject_type, access.subject_id],
        )
        for access in accesses
    ]


def described_in_chunks(
    accesses: QuerySet[PersonalDataAccess], size: int = 500
) -> Iterator[DescribedAccess]:
    """`described` for an export: a chunk of rows at a time, not the whole log in memory."""
    chunk: list[PersonalDataAccess] = []
    for access in accesses.iterator(chunk_size=size):
        chunk.append(access)
        if len(chunk) == size:
            yield from described(chunk)
            chunk = []
    yield from described(chunk)
