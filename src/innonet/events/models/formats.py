from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_order
from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField


class FormatQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Format(TimeStampedModel):
    """A reusable event template of one network (breakfast meeting, expert talk, hackathon).

    A partner network adopts a shared format by getting its own copy; `adopted_from` keeps
    where the copy came from, so the catalogue can show how far a format travelled."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="formats",
    )
    name = OneLineCharField(_("name"), max_length=160)
    goal = PlainTextField(_("goal"), max_length=2000, blank=True)
    target_groups = OneLineCharField(_("target groups"), max_length=300, blank=True)
    description = PlainTextField(
        _("description"), max_length=20000, blank=True, help_text=_("Markdown.")
    )
    duration_minutes = models.PositiveIntegerField(
        _("typical duration (minutes)"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(_("typical capacity"), null=True, blank=True)
    checklist = PlainTextField(
        _("checklist"), max_length=5000, blank=True, help_text=_("One item per line.")
    )
    is_shared = models.BooleanField(
        _("shared with partner networks"),
        default=False,
        help_text=_("Partner networks may adopt a copy of this format."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    adopted_from = models.ForeignKey(
        "self",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )

    objects = FormatQuerySet.as_manager()

    class Meta:
        ordering = [german_order("name")]
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="format_name_per_network")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def checklist_items(self) -> list[str]:
        return [line.strip() for line in self.checklist.splitlines() if line.strip()]
