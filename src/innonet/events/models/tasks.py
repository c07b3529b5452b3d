from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField


class EventTask(TimeStampedModel):
    """A to-do of the office around one event (book the room, send slides, write the report)."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = OneLineCharField(_("task"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_tasks",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        verbose_name = _("event task")
        verbose_name_plural = _("event tasks")

    def __str__(self) -> str:
        return self.title
