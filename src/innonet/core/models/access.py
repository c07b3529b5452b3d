"""Who opened or exported whose personal data (GDPR accountability, Art. 5(2) and 15)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import OneLineCharField


class AccessKind(models.TextChoices):
    VIEWED = "viewed", _("viewed")
    EXPORTED = "exported", _("exported")
    API = "api", _("read through the API")


class PersonalDataAccess(models.Model):
    """One person's data opened or exported by one user: one row per person concerned, so
    "who saw this person's data" is one indexed query. Rows are only added, and deleted by
    the retention job after AUDIT_RETENTION_YEARS."""

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = OneLineCharField(_("user label"), max_length=200, blank=True)
    kind = OneLineCharField(_("kind of access"), max_length=20, choices=AccessKind.choices)
    # The record that holds the person's data: "partners.person" or "events.registration".
    subject_type = OneLineCharField(_("record type"), max_length=60)
    subject_id = models.PositiveBigIntegerField(_("record id"))
    source = OneLineCharField(_("page or export"), max_length=200)
    request_id = OneLineCharField(_("request id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        indexes = [models.Index(fields=["subject_type", "subject_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_type}:{self.subject_id}"
