"""What the reporting app writes itself: the office's yearly targets (and, in their own
module, the frozen funder reports)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


class IndicatorTarget(models.Model):
    """The value the office aims at for one indicator in one year, for one network or, with
    no network, for the whole installation."""

    indicator = OneLineCharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_targets",
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "network"],
                condition=Q(network__isnull=False),
                name="target_once_per_network",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(network__isnull=True),
                name="target_once_for_all_networks",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
