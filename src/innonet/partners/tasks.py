"""Background tasks of the partner registry: they take ids and call a service."""

from typing import Any

from django.contrib.auth import get_user_model
from django_tasks import task

from innonet.accounts.models import User
from innonet.core.tasking import on_interrupted

from .models import ImportJob
from .services.imports import import_job_interrupt, import_job_run


def _run(job: ImportJob, *, dry_run: bool, acting_user: User | None) -> int:
    """Run the check or commit; a job whose run fails unexpectedly may be started again."""
    try:
        return import_job_run(job, dry_run=dry_run, acting_user=acting_user).error_count
    except Exception:
        import_job_interrupt(job, acting_user=None)
        raise


@task()
def import_check_task(*, job_id: int) -> int:
    """Dry-run an import job; returns the number of errors found."""
    job = ImportJob.objects.get(pk=job_id)
    return _run(job, dry_run=True, acting_user=job.created_by)


@task()
def import_commit_task(*, job_id: int, user_id: int) -> int:
    """Commit an import job in one transaction; returns the number of errors (0: imported)."""
    job = ImportJob.objects.get(pk=job_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    return _run(job, dry_run=False, acting_user=user)


# Not run again by themselves: a file that made the worker die would do so again; the office
# sees "interrupted" on the import page and starts the step again.
@on_interrupted(import_check_task, import_commit_task)
def release_import_job(kwargs: dict[str, Any], *, retried: bool) -> None:
    """The worker died during a check or commit: the job may be started again."""
    job_id = kwargs.get("job_id")
    job = ImportJob.objects.filter(pk=job_id).first() if job_id is not None else None
    if job is not None:
        import_job_interrupt(job, acting_user=None)
