"""Which deadline reminder went to whom, so each is sent once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField

from .programmes import FundingCall


class DeadlineReminder(models.Model):
    """One reminder mail of one call deadline to one person, `days_before` it. The key is the
    call and the deadline's time (not the deadline row, which a call edit replaces), so editing
    a call never sends a reminder twice."""

    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="deadline_reminders",
    )
    label = OneLineCharField(_("label"), max_length=120)
    due_at = models.DateTimeField(_("due"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("planned"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["due_at", "days_before", "id"]
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "due_at", "days_before", "recipient"],
                name="deadline_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.days_before})"
