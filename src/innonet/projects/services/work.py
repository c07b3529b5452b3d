"""Notes and tasks on a project."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import Role, User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import InnovationProject, ProjectNote, ProjectTask
from .common import clean_or_raise, user_or_none


@transaction.atomic
def note_add(project: InnovationProject, *, text: str, acting_user: User | None) -> ProjectNote:
    """Add a note; it is seen by everyone who may see the project."""
    note = ProjectNote(project=project, author=user_or_none(acting_user), text=(text or "").strip())
    if not note.text:
        raise DomainError(_("Write a note first."), field="text")
    clean_or_raise(note)
    note.save()
    audit.record(project, "projects.note.added", user=acting_user, data={"note": note.pk})
    return note


def _check_assignee(project: InnovationProject, assignee: Any) -> None:
    """Tasks go to network staff or to a member user of a partner organisation."""
    if assignee is None or assignee.role == Role.STAFF:
        return
    partner = (
        assignee.role == Role.MEMBER
        and project.partners.filter(organisation_id=assignee.organisation_id).exists()
    )
    if not partner:
        raise DomainError(
            _("Tasks can be assigned to network staff or to people of a partner organisation."),
            field="assignee",
        )


@transaction.atomic
def task_add(
    project: InnovationProject,
    *,
    title: str,
    assignee: Any = None,
    due_on: date | None = None,
    acting_user: User | None,
) -> ProjectTask:
    """Add a task with an owner and a due date."""
    task = ProjectTask(
        project=project, title=(title or "").strip(), assignee=assignee, due_on=due_on
    )
    if not task.title:
        raise DomainError(_("Describe the task."), field="title")
    _check_assignee(project, assignee)
    clean_or_raise(task, exclude=["assignee"])
    task.save()
    audit.record(project, "projects.task.added", user=acting_user, data={"task": task.pk})
    return task


@transaction.atomic
def task_done(task: ProjectTask, *, acting_user: User | None) -> ProjectTask:
    """Mark a task as done; marking it again changes nothing."""
    task = ProjectTask.objects.select_for_update().get(pk=task.pk)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        audit.record(task.project, "projects.task.done", user=acting_user, data={"task": task.pk})
    return task
