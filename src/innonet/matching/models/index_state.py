"""Which generation of the matching index is current, and which documents changed at each
generation, so every host can bring its own copy of the index up to date."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


class IndexState(models.Model):
    """A single row: `generation` counts the changes to the indexed documents (each recorded in
    `IndexChange`); `build_id` changes with every full build asked for (command, button, bulk
    change), after which every host builds its copy anew."""

    generation = models.PositiveIntegerField(_("generation"), default=0)
    # Changes up to this generation are no longer recorded: a copy older than it is rebuilt.
    pruned_through = models.PositiveIntegerField(_("changes recorded after"), default=0)
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


class IndexChange(models.Model):
    """One document (by its key, e.g. `o:12`) changed at one generation of the index. Kept for
    `CHANGES_KEPT` (search_index), so a host that is behind re-reads only what changed."""

    generation = models.PositiveIntegerField(_("generation"), db_index=True)
    key = OneLineCharField(_("document"), max_length=40)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("matching index change")
        verbose_name_plural = _("matching index changes")

    def __str__(self) -> str:
        return f"{self.key} @ {self.generation}"
