from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import OneLineCharField


class WorkerHeartbeat(models.Model):
    """A running background worker: where it runs and when it last reported.

    Recovery uses it to tell a task whose worker died from one that is still being worked on.
    """

    worker_id = OneLineCharField(_("worker id"), max_length=64, primary_key=True)
    host = OneLineCharField(_("host"), max_length=255)
    # Boot id and process namespace: processes with the same key can see each other's pids.
    host_key = OneLineCharField(_("host key"), max_length=200)
    pid = models.PositiveIntegerField(_("process id"))
    # The process's start time as the kernel counts it, so a reused pid is not taken as alive.
    process_started = OneLineCharField(_("process start"), max_length=40, blank=True)
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}, {self.pid})"
