from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_order
from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField


class MembershipStatus(models.TextChoices):
    PROSPECT = "prospect", _("prospect")
    APPLIED = "applied", _("applied")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    ENDED = "ended", _("ended")


class Membership(TimeStampedModel):
    """An organisation in a network; its status is the newest entry of its history."""

    class Type(models.TextChoices):
        FULL = "full", _("full member")
        ASSOCIATE = "associate", _("associate member")
        SPONSOR = "sponsor", _("sponsoring member")
        PARTNER = "partner", _("cooperation partner")

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    membership_type = OneLineCharField(
        _("membership type"), max_length=10, choices=Type.choices, default=Type.FULL
    )
    status = OneLineCharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PROSPECT,
    )

    class Meta:
        ordering = [german_order("network__name"), german_order("organisation__name")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network"], name="membership_unique_per_network"
            )
        ]
        indexes = [models.Index(fields=["updated_at"])]  # the reports' data fingerprint

    def __str__(self) -> str:
        return f"{self.organisation} · {self.network}"


class MembershipStatusChange(models.Model):
    """One dated step of a membership: from `valid_from` on, the status was `status`."""

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    status = OneLineCharField(_("status"), max_length=10, choices=MembershipStatus.choices)
    valid_from = models.DateField(_("valid from"))
    reason = OneLineCharField(_("reason"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["membership", "valid_from", "id"]
        verbose_name = _("membership status change")
        verbose_name_plural = _("membership status changes")
        indexes = [models.Index(fields=["membership", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.valid_from})"
