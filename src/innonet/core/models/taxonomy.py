"""Controlled vocabularies that staff edit: RIS3 fields, competences, districts, countries."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..collation import german_order
from .base import TimeStampedModel
from .fields import OneLineCharField, PlainTextField


class TaxonomyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class TaxonomyTerm(TimeStampedModel):
    """A named term with a stable slug; retired terms stay for history but are hidden."""

    name = OneLineCharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    description = PlainTextField(_("description"), blank=True, max_length=2000)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = [german_order("name")]

    def __str__(self) -> str:
        return self.name


class Ris3Field(TaxonomyTerm):
    """A field of the regional innovation strategy for smart specialisation (RIS3)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("RIS3 field")
        verbose_name_plural = _("RIS3 fields")


class Competence(TaxonomyTerm):
    """A competence of the controlled vocabulary; synonyms help search and matching."""

    synonyms = PlainTextField(
        _("synonyms"),
        blank=True,
        max_length=2000,
        help_text=_("Other words for this competence, one per line, German or English."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader competence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]


class District(TaxonomyTerm):
    """A district or district-free city; the core region and its neighbours."""

    class Area(models.TextChoices):
        CORE = "core", _("core region")
        NEIGHBOUR = "neighbour", _("neighbouring district")
        OTHER = "other", _("other")

    state = OneLineCharField(_("federal state"), max_length=80)
    area = OneLineCharField(_("area"), max_length=12, choices=Area.choices, default=Area.OTHER)
    official_key = OneLineCharField(
        _("official municipality key"), max_length=8, blank=True, help_text=_("AGS, e.g. 03404")
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Country(TimeStampedModel):
    """A country by its ISO 3166-1 alpha-2 code."""

    code = OneLineCharField(_("ISO code"), max_length=2, unique=True)
    name = OneLineCharField(_("name"), max_length=120)
    name_en = OneLineCharField(_("English name"), max_length=120)
    is_eu = models.BooleanField(_("EU member state"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        ordering = [german_order("name")]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso"
            )
        ]

    def __str__(self) -> str:
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the active language: English where the page or mail is English."""
        english = (get_language() or "de").startswith("en")
        return self.name_en if english and self.name_en else self.name
