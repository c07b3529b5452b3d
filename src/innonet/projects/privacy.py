"""Projects' part of a person's export and erasure: what their user account did in projects
(owned, noted, assigned, uploaded, moved, was reminded of) and project texts that name them.

The work stays with the project and keeps pointing at the erased account, which has no name
any more; notes, reasons, task titles, file names and project texts lose the person's mentions.
Uploaded files stay: their content is the project's, and only the office can judge it."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innonet.core import privacy
from innonet.core.privacy import Erasure, Identity, Section

from .models import (
    DeadlineReminder,
    InnovationProject,
    ProjectDocument,
    ProjectNote,
    ProjectTask,
    StageChange,
)

REDACTED, KEPT = Erasure.REDACTED, Erasure.KEPT
PROJECT_TEXT = ["title", "summary", "goals", "next_step", "origin_note"]


@dataclass(frozen=True)
class Work:
    """One kind of project work: the account that did it and the texts that may name people."""

    key: str
    title: Promise
    model: type[models.Model]
    account: str
    text: list[str]
    keys: tuple[str, ...]
    parent: str = "project"


WORK = (
    Work("project_notes", gettext_lazy("Project notes"), ProjectNote, "author", ["text"],
         ("created_at", "text")),
    Work("project_tasks", gettext_lazy("Project tasks"), ProjectTask, "assignee", ["title"],
         ("title", "due_on", "done_at")),
    Work("project_documents", gettext_lazy("Project documents"), ProjectDocument, "uploaded_by",
         ["original_name"], ("original_name", "kind", "created_at")),
    Work("stage_changes", gettext_lazy("Stage changes of projects"), StageChange, "changed_by",
         ["reason"], ("changed_at", "from_stage", "to_stage", "reason")),
    Work("deadline_reminders", gettext_lazy("Deadline reminders"), DeadlineReminder, "recipient",
         [], ("label", "due_at", "days_before", "sent_at"), parent="call"),
)  # fmt: skip


def _found(model: type[models.Model], account: str, text: list[str], identity: Identity):
    """Rows the person's account made or was given, and rows whose texts name the person."""
    named = privacy.mentioning(model.objects.all(), text, identity).values("pk")
    return model.objects.filter(Q(**{f"{account}_id__in": identity.user_ids}) | Q(pk__in=named))


def _work_section(work: Work, identity: Identity) -> Section:
    records = _found(work.model, work.account, work.text, identity).select_related(work.parent)
    return Section(
        work.key,
        str(work.title),
        privacy.field_labels(work.model, work.parent, *work.keys),
        [
            privacy.row(record, **{key: getattr(record, key) for key in (work.parent, *work.keys)})
            for record in records
        ],
    )


def _project_row(project: InnovationProject, identity: Identity) -> dict:
    texts = {key: getattr(project, key) for key in PROJECT_TEXT[1:]}
    owned = project.owner_id in identity.user_ids
    return privacy.row(
        project,
        title=project.title,
        stage=project.get_stage_display(),
        relation=_("owner") if owned else _("mentions you"),
        **{key: text for key, text in texts.items() if identity.mentions(text)},
    )


@privacy.contributor
class ProjectData(privacy.Contributor):
    """Projects and project work of the person's account, and project texts naming them."""

    name = "projects"
    order = 50
    fields = {
        "projects.InnovationProject.owner": KEPT,
        "projects.StageChange.changed_by": KEPT,
        "projects.StageChange.reason": REDACTED,
        "projects.ProjectNote.author": KEPT,
        "projects.ProjectNote.text": REDACTED,
        "projects.ProjectTask.assignee": KEPT,
        "projects.ProjectDocument.file": KEPT,
        "projects.ProjectDocument.original_name": REDACTED,
        "projects.ProjectDocument.uploaded_by": KEPT,
        "projects.DeadlineReminder.recipient": KEPT,
    }

    def collect(self, identity: Identity) -> list[Section]:
        projects = _found(InnovationProject, "owner", PROJECT_TEXT, identity)
        labels = privacy.field_labels(InnovationProject, *PROJECT_TEXT, "stage")
        return [
            Section(
                "projects",
                _("Innovation projects"),
                {**labels, "relation": _("relation")},
                [_project_row(project, identity) for project in projects],
            ),
            *(_work_section(work, identity) for work in WORK),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        projects = InnovationProject.objects.all()
        changed = {"projects": privacy.redact_rows(projects, PROJECT_TEXT, identity, save=True)}
        for work in WORK:
            changed[work.key] = privacy.redact_rows(work.model.objects.all(), work.text, identity)
        return changed
