from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField

MAX_VISITORS = 500


class InternationalActivity(TimeStampedModel):
    """The office's work across the border: a contact with partners abroad, or a delegation
    visit (a delegation from abroad received, or one the office took abroad). Kept apart from
    Interaction because a delegation concerns countries and several organisations, often none
    of them in the registry."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("international contact")
        DELEGATION = "delegation", _("delegation visit")

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("incoming (a delegation from abroad visited us)")
        OUTGOING = "outgoing", _("outgoing (we visited partners abroad)")

    kind = OneLineCharField(_("kind"), max_length=10, choices=Kind.choices)
    direction = OneLineCharField(
        _("direction"),
        max_length=8,
        choices=Direction.choices,
        blank=True,
        help_text=_("Only for delegation visits."),
    )
    happened_on = models.DateField(_("date"))
    topic = OneLineCharField(_("topic"), max_length=200)
    countries = models.ManyToManyField(
        "core.Country",
        verbose_name=_("countries"),
        related_name="international_activities",
        help_text=_("The countries of the partners or the delegation."),
    )
    visitors = models.PositiveSmallIntegerField(
        _("members of the delegation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VISITORS)],
        help_text=_("Only for delegation visits: how many people travelled."),
    )
    organisations = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("organisations met"),
        blank=True,
        related_name="international_activities",
        help_text=_("Organisations of the registry that took part, at home or abroad."),
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="international_activities",
        help_text=_("The network it was done for; empty: counted in the figures of all networks "
                    "together and of the networks whose members took part."),
    )  # fmt: skip
    notes = PlainTextField(_("notes"), blank=True, validators=[MaxLengthValidator(20000)])
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="international_activities",
    )

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("international activity")
        verbose_name_plural = _("international activities")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="delegation", direction__in=["incoming", "outgoing"])
                    | models.Q(kind="contact", direction="", visitors__isnull=True)
                ),
                name="international_activity_direction_fits_kind",
            ),
        ]
        indexes = [models.Index(fields=["updated_at"])]  # the figures' data fingerprint

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic}"

    @property
    def is_delegation(self) -> bool:
        return self.kind == self.Kind.DELEGATION
