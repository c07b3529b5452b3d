"""Import jobs: upload, column mapping, dry run and the all-or-nothing commit.

The page and the background tasks call these; the command line calls `run_import` directly.
"""

from dataclasses import asdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.tasking import enqueue_on_commit

from ..imports import ImportFileError, Report, Table, guess_mapping, open_table, run_import
from ..imports.columns import mapping_problems, remembered_mapping
from ..imports.rows import defaults_problems
from ..models import ImportJob


def _table(job: ImportJob) -> Table:
    return open_table(bytes(job.payload), job.filename, delimiter=job.delimiter or None)


@transaction.atomic
def import_job_create(
    *, kind: str, filename: str, data: bytes, delimiter: str | None, acting_user: User | None
) -> ImportJob:
    """Check an uploaded file enough to read its header, and keep it on a new job with the
    column mapping this user chose last time (same headers, else columns spelled alike), or a
    guessed one. A file that cannot be read raises ImportFileError."""
    if kind not in ImportJob.Kind.values:
        raise DomainError(_("Choose what the file contains."), field="kind")
    table = open_table(data, filename, delimiter=delimiter)
    mapping, defaults = _remembered(kind, table.headers, acting_user) or (
        guess_mapping(kind, table.headers),
        {},
    )
    job = ImportJob.objects.create(
        kind=kind,
        filename=filename[-200:],
        file_format=table.file_format,
        delimiter=table.delimiter,
        encoding=table.encoding,
        payload=data,
        size=len(data),
        headers=table.headers,
        mapping=mapping,
        defaults=defaults,
        created_by=acting_user,
    )
    audit.record(job, "partners.import.uploaded", user=acting_user, data={"kind": kind})
    return job


REMEMBERED_JOBS = 20  # how many of a user's earlier imports are looked at for a mapping


def _remembered(
    kind: str, headers: list[str], user: User | None
) -> tuple[dict[str, str], dict[str, str]] | None:
    """The mapping and defaults this user last chose for a file like this one."""
    if user is None or not user.pk:
        return None
    earlier = (
        ImportJob.objects.filter(created_by=user, kind=kind)
        .exclude(status=ImportJob.Status.UPLOADED)
        .order_by("-updated_at", "-id")
        .values_list("headers", "mapping", "defaults")[:REMEMBERED_JOBS]
    )
    return remembered_mapping(kind, headers, [tuple(row) for row in earlier])


@transaction.atomic
def import_job_set_mapping(
    job: ImportJob,
    *,
    mapping: dict[str, str],
    defaults: dict[str, str] | None = None,
    acting_user: User | None,
) -> ImportJob:
    """Store the user's column mapping and values for fields without a column, and start
    the dry run in the background."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (
        ImportJob.Status.UPLOADED,
        ImportJob.Status.CHECKED,
        ImportJob.Status.FAILED,
        ImportJob.Status.INTERRUPTED,
    ):
        raise DomainError(_("This import can no longer be changed."))
    mapped = set(mapping.values())
    defaults = {
        name: value.strip()
        for name, value in (defaults or {}).items()
        if value and value.strip() and name not in mapped
    }
    for name, message in defaults_problems(job.kind, defaults).items():
        raise DomainError(message, field=f"default_{name}")
    problems = mapping_problems(job.kind, mapping, job.headers, defaults)
    if problems:
        raise DomainError(problems[0])
    job.mapping = mapping
    job.defaults = defaults
    _start(job, ImportJob.Status.CHECKING)
    from ..tasks import import_check_task

    enqueue_on_commit(import_check_task, job_id=job.pk)
    return job


@transaction.atomic
def import_job_commit(job: ImportJob, *, acting_user: User) -> ImportJob:
    """Start the commit of a checked import without errors in the background, written as
    `acting_user`."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not job.can_commit:
        raise DomainError(_("Only a checked import without errors can be imported."))
    _start(job, ImportJob.Status.COMMITTING)
    from ..tasks import import_commit_task

    enqueue_on_commit(import_commit_task, job_id=job.pk, user_id=acting_user.pk)
    return job


@transaction.atomic
def import_job_interrupt(job: ImportJob, *, acting_user: User | None) -> ImportJob:
    """Release a job whose check or commit stopped before it finished (its worker died or the
    task failed). Nothing was written, as the commit is one transaction; it may start again."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not job.is_running:
        return job
    phase = job.status
    if phase == ImportJob.Status.CHECKING:  # a half-done check says nothing about the file
        job.counts, job.issues, job.error_count, job.warning_count = {}, [], 0, 0
    job.status = ImportJob.Status.INTERRUPTED
    job.finished_at = timezone.now()
    job.save()
    audit.record(job, "partners.import.interrupted", user=acting_user, data={"phase": phase})
    return job


def _start(job: ImportJob, status: str) -> None:
    job.status = status
    job.processed_rows = 0
    job.message = ""
    job.save(
        update_fields=["status", "mapping", "defaults", "processed_rows", "message", "updated_at"]
    )


def import_job_run(job: ImportJob, *, dry_run: bool, acting_user: User | None) -> ImportJob:
    """Run the check or the commit of a job (from its task) and store the outcome on it.

    Not one transaction itself: progress must be visible while the dry run works; the
    commit's writes run inside `run_import`'s single transaction."""

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "checking":
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    try:
        report = run_import(
            _table(job),
            kind=job.kind,
            mapping=job.mapping,
            defaults=job.defaults,
            dry_run=dry_run,
            acting_user=acting_user,
            audit_object=job,
            progress=progress,
        )
    except ImportFileError as error:
        report = Report(kind=job.kind)
        report.error_count = 1
        job.message = error.message[:500]
    _store(job, report, dry_run=dry_run)
    return job


def _store(job: ImportJob, report: Report, *, dry_run: bool) -> None:
    job.refresh_from_db(fields=["processed_rows", "total_rows"])
    job.total_rows = report.rows
    job.processed_rows = report.rows
    job.counts = report.counts
    job.issues = [asdict(issue) for issue in report.issues]
    job.error_count = report.error_count
    job.warning_count = report.warning_count
    job.finished_at = timezone.now()
    if report.committed:
        job.status = ImportJob.Status.DONE
        job.payload = b""  # the people's data has arrived; no copy of the file is kept
    elif dry_run and report.ok:
        job.status = ImportJob.Status.CHECKED
    elif dry_run:
        job.status = ImportJob.Status.CHECKED if not job.message else ImportJob.Status.FAILED
    else:
        job.status = ImportJob.Status.FAILED
    job.save()
