"""Background tasks of the partner registry: they take ids and call a service."""

from django.contrib.auth import get_user_model
from django_tasks import task

from .models import ImportJob
from .services.imports import import_job_run


@task()
def import_check_task(*, job_id: int) -> int:
    """Dry-run an import job; returns the number of errors found."""
    job = ImportJob.objects.get(pk=job_id)
    return import_job_run(job, dry_run=True, acting_user=job.created_by).error_count


@task()
def import_commit_task(*, job_id: int, user_id: int) -> int:
    """Commit an import job in one transaction; returns the number of errors (0: imported)."""
    job = ImportJob.objects.get(pk=job_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    return import_job_run(job, dry_run=False, acting_user=user).error_count
