"""Funding programmes with their consortium rules and funding rates, calls and deadlines."""

from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_order
from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField

from ..rules import ConsortiumRules, PartnerKind

PARTNER_KIND_CHOICES = [
    (PartnerKind.SME.value, _("SME")),
    (PartnerKind.LARGE.value, _("large company")),
    (PartnerKind.RESEARCH.value, _("research institution")),
    (PartnerKind.OTHER.value, _("other")),
]
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
}


class FundingProgrammeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class FundingProgramme(TimeStampedModel):
    """A funding programme (e.g. ZIM, an EU cluster call series) and its rules for consortia."""

    class Level(models.TextChoices):
        REGIONAL = "regional", _("regional")
        FEDERAL = "federal", _("federal")
        EU = "eu", _("EU")

    name = OneLineCharField(_("name"), max_length=200, unique=True)
    funder = OneLineCharField(_("funder"), max_length=200)
    level = OneLineCharField(_("level"), max_length=10, choices=Level.choices)
    description = PlainTextField(
        _("description"), blank=True, validators=[MaxLengthValidator(10000)]
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    min_partners = models.PositiveSmallIntegerField(
        _("minimum number of partners"), default=1, validators=[MinValueValidator(1)]
    )
    max_partners = models.PositiveSmallIntegerField(
        _("maximum number of partners"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    requires_sme = models.BooleanField(_("requires an SME"), default=False)
    requires_research = models.BooleanField(_("requires a research institution"), default=False)
    min_countries = models.PositiveSmallIntegerField(
        _("minimum number of countries"), default=1, validators=[MinValueValidator(1)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = FundingProgrammeQuerySet.as_manager()

    class Meta:
        ordering = [german_order("name")]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_partners__isnull=True)
                | Q(max_partners__gte=models.F("min_partners")),
                name="programme_max_partners_not_below_min",
                violation_error_message=_("The maximum cannot be below the minimum."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def consortium_rules(self) -> ConsortiumRules:
        return ConsortiumRules(
            min_partners=self.min_partners,
            max_partners=self.max_partners,
            requires_sme=self.requires_sme,
            requires_research=self.requires_research,
            min_countries=self.min_countries,
        )


class FundingRate(models.Model):
    """The share of eligible costs a programme funds for one kind of partner."""

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        on_delete=models.CASCADE,
        related_name="rates",
    )
    partner_kind = OneLineCharField(_("partner kind"), max_length=10, choices=PARTNER_KIND_CHOICES)
    rate = models.DecimalField(_("funding rate (%)"), **PERCENT)

    class Meta:
        ordering = ["programme", "partner_kind"]
        verbose_name = _("funding rate")
        verbose_name_plural = _("funding rates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "partner_kind"], name="funding_rate_unique_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lte=100), name="funding_rate_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_partner_kind_display()} {self.rate} %"


class FundingCall(TimeStampedModel):
    """One call for proposals of a programme, with its topics and (several) deadlines."""

    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("funding programme"),
        on_delete=models.PROTECT,
        related_name="calls",
    )
    title = OneLineCharField(_("title"), max_length=300)
    topics = PlainTextField(_("topics"), blank=True, validators=[MaxLengthValidator(20000)])
    url = models.URLField(_("link"), max_length=500, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = [german_order("programme__name"), german_order("title")]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    def __str__(self) -> str:
        return self.title


class CallDeadline(models.Model):
    """A dated step of a call, e.g. the outline ("Skizze") and the full proposal."""

    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    label = OneLineCharField(_("label"), max_length=120)
    due_at = models.DateTimeField(_("due"), db_index=True)

    class Meta:
        ordering = ["call", "due_at", "id"]
        verbose_name = _("call deadline")
        verbose_name_plural = _("call deadlines")

    def __str__(self) -> str:
        return f"{self.label} ({self.due_at:%Y-%m-%d %H:%M})"
