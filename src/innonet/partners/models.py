"""Organisations of the partner registry (extended by the registry issue)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innonet.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """A company, research institution or other body in the network's registry."""

    class Kind(models.TextChoices):
        SME = "sme", _("SME")
        LARGE = "large", _("large company")
        STARTUP = "startup", _("start-up")
        UNIVERSITY = "university", _("university")
        RESEARCH = "research", _("research institute")
        EDUCATION = "education", _("education provider")
        PUBLIC = "public", _("public body")
        ASSOCIATION = "association", _("association or network")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=10000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name
