"""Which generation of the search index is current, so every process can tell it is stale."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


class IndexState(models.Model):
    """A single row: `generation` is bumped each time the index file on disk is replaced;
    `build_id` changes with every full build, so a process never mixes two builds."""

    generation = models.PositiveIntegerField(_("generation"), default=0)
    documents = models.PositiveIntegerField(_("documents"), default=0)
    built_at = models.DateTimeField(_("last full build"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last update"), null=True, blank=True)
    build_id = OneLineCharField(_("build"), max_length=32, blank=True)
    rebuild_requested_at = models.DateTimeField(_("rebuild requested"), null=True, blank=True)
    rebuild_done = models.PositiveIntegerField(_("documents indexed"), default=0)
    rebuild_total = models.PositiveIntegerField(_("documents to index"), default=0)
    rebuild_error = OneLineCharField(_("rebuild error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("matching index state")
        verbose_name_plural = _("matching index states")

    def __str__(self) -> str:
        return f"generation {self.generation}"
