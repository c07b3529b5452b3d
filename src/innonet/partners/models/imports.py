from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField


class ImportJob(TimeStampedModel):
    """One uploaded registry file on its way through mapping, dry run and commit.

    The file is kept as bytes on the job (uploads are small, see the size limit) so a worker on
    another machine can read it and nothing is ever served from a media URL; the bytes are
    dropped once the import is committed. Progress lives here so the page can poll it.
    """

    class Kind(models.TextChoices):
        ORGANISATIONS = "organisations", _("organisations")
        PEOPLE = "people", _("people")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        CHECKING = "checking", _("checking")
        CHECKED = "checked", _("checked")
        COMMITTING = "committing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted")

    RUNNING = (Status.CHECKING, Status.COMMITTING)

    kind = OneLineCharField(_("kind"), max_length=14, choices=Kind.choices)
    status = OneLineCharField(
        _("status"), max_length=11, choices=Status.choices, default=Status.UPLOADED
    )
    filename = OneLineCharField(_("file name"), max_length=200)
    file_format = OneLineCharField(_("format"), max_length=4)
    delimiter = OneLineCharField(_("delimiter"), max_length=1, blank=True)
    encoding = OneLineCharField(_("encoding"), max_length=20, blank=True)
    payload = models.BinaryField(_("file content"), editable=False, default=b"")
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    headers = models.JSONField(_("columns"), default=list)
    mapping = models.JSONField(_("column mapping"), default=dict)
    defaults = models.JSONField(
        _("values for fields without a column"), default=dict, blank=True
    )  # target name -> the text every row gets for that field
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    counts = models.JSONField(_("counts"), default=dict)
    issues = models.JSONField(_("errors and notes"), default=list)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(
        pgettext_lazy("import findings", "notes"), default=0
    )
    message = OneLineCharField(_("message"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def can_commit(self) -> bool:
        """A check passed without errors, and nothing was imported since (an interrupted
        commit keeps its check's counts, an interrupted check clears them)."""
        if self.error_count:
            return False
        if self.status == self.Status.INTERRUPTED:
            return any(key.startswith("to_") for key in self.counts)
        return self.status == self.Status.CHECKED

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
