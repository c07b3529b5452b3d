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


class Share(models.TextChoices):
    """What one network may let a partner network see."""

    FORMATS = "formats", _("shared formats")
    PUBLIC_EVENTS = "public_events", _("public events")
    PROFILES = "profiles", _("profiles marked for partner networks")
    CONTACTS = "contacts", _("contact persons who consented")


# The agreement's flag for each share.
SHARE_FIELDS: dict[str, str] = {
    Share.FORMATS: "shares_formats",
    Share.PUBLIC_EVENTS: "shares_public_events",
    Share.PROFILES: "shares_profiles",
    Share.CONTACTS: "shares_contacts",
}


class NetworkAgreement(TimeStampedModel):
    """What the granting network lets the partner network see, for a period.

    One direction per row: a mutual agreement is two rows. Nothing is shared between networks
    without an agreement in force (networks.queries.granted)."""

    grantor = models.ForeignKey(
        Network,
        verbose_name=_("granting network"),
        on_delete=models.PROTECT,
        related_name="agreements_granted",
    )
    grantee = models.ForeignKey(
        Network,
        verbose_name=_("partner network"),
        on_delete=models.PROTECT,
        related_name="agreements_received",
        help_text=_("The network that may see what the granting network shares."),
    )
    shares_formats = models.BooleanField(_("shared formats"), default=False)
    shares_public_events = models.BooleanField(_("public events"), default=False)
    shares_profiles = models.BooleanField(_("profiles marked for partner networks"), default=False)
    shares_contacts = models.BooleanField(
        _("contact persons who consented"),
        default=False,
        help_text=_("Only contact persons who consented to sharing with partner networks."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    signed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "pk"]
        verbose_name = _("network agreement")
        verbose_name_plural = _("network agreements")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(grantor=models.F("grantee")),
                name="agreement_between_two_networks",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="agreement_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grantor} → {self.grantee}"

    @property
    def shares(self) -> list[str]:
        """The shares this agreement grants, as Share values."""
        return [share for share, field in SHARE_FIELDS.items() if getattr(self, field)]

    def share_labels(self) -> list[str]:
        return [str(Share(share).label) for share in self.shares]

    def in_force(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
