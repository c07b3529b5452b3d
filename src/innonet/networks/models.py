"""The host network and the partner networks it works with."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_order
from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField


class Network(TimeStampedModel):
    """A network on this installation: the host or a partner sector network."""

    class Kind(models.TextChoices):
        HOST = "host", _("host network")
        SECTOR = "sector", _("partner sector network")
        OTHER = "other", _("other network")

    name = OneLineCharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = OneLineCharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SECTOR)
    description = PlainTextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(_("website"), blank=True)
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="networks"
    )

    class Meta:
        ordering = [german_order("name")]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(kind="host"), name="network_single_host"
            )
        ]

    def __str__(self) -> str:
        return self.name
