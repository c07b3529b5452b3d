"""The work on a project: notes, tasks with owners and due dates, and documents."""

import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField, PlainTextField

from .projects import InnovationProject

# Extensions a project document may have; services/documents.py checks the content agrees.
DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "txt", "csv")


@deconstructible
class DocumentName:
    """`upload_to`: stores a document as <folder>/<uuid>.<accepted extension>, never under
    the name the uploader chose (that is kept in `original_name` for the download)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        extension = PurePosixPath(filename or "").suffix.lower().lstrip(".")
        extension = "jpg" if extension == "jpeg" else extension
        if extension not in DOCUMENT_EXTENSIONS:
            extension = "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class ProjectNote(models.Model):
    """A dated note on a project, seen by everyone who may see the project."""

    project = models.ForeignKey(
        InnovationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = PlainTextField(_("text"), validators=[MaxLengthValidator(10000)])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["project", "-created_at", "-id"]
        verbose_name = _("project note")
        verbose_name_plural = _("project notes")

    def __str__(self) -> str:
        return self.text[:60]


class ProjectTaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)


class ProjectTask(models.Model):
    """Something to do for a project, by someone, by a date."""

    project = models.ForeignKey(
        InnovationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    title = OneLineCharField(_("task"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_tasks",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProjectTaskQuerySet.as_manager()

    class Meta:
        ordering = ["project", "done_at", "due_on", "id"]
        verbose_name = _("project task")
        verbose_name_plural = _("project tasks")
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


class ProjectDocument(models.Model):
    """An uploaded file of a project; stored under a generated name and only ever served as a
    download (RELIABILITY.md item 19)."""

    class Kind(models.TextChoices):
        APPLICATION = "application", _("application")
        BUDGET = "budget", _("budget")
        LETTER = "letter", _("letter of intent or support")
        CONTRACT = "contract", _("contract")
        OTHER = "other", _("other")

    project = models.ForeignKey(
        InnovationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(_("file"), upload_to=DocumentName("projects"), max_length=200)
    original_name = OneLineCharField(_("file name"), max_length=200)
    kind = OneLineCharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = OneLineCharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["project", "-created_at", "-id"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    def __str__(self) -> str:
        return self.original_name
