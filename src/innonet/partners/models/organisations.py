from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innonet.core.addresses import normalise_vat_id, postcode_problem, vat_id_problem
from innonet.core.collation import german_index_term, german_order
from innonet.core.models import Country, TimeStampedModel, VersionedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.search import searchable
from innonet.core.search_index import KeepsSearchText, SearchableQuerySet
from innonet.core.uploads import GeneratedName, validate_stored_image

from ..rules import SmeClass, sme_class

SME_CLASS_CHOICES = [
    (SmeClass.MICRO.value, _("micro enterprise")),
    (SmeClass.SMALL.value, _("small enterprise")),
    (SmeClass.MEDIUM.value, _("medium-sized enterprise")),
    (SmeClass.LARGE.value, _("large enterprise")),
    (SmeClass.UNKNOWN.value, _("not classified")),
]
MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class MemberVisibility(models.TextChoices):
    """What an organisation consented to show the network's members in the member directory
    (and in members' matchmaking answers). People are never shown; members write through the
    office."""

    HIDDEN = "hidden", _("not shown to members")
    SHOWN = "shown", _("profile and research groups shown to members (no people)")


class OrganisationQuerySet(SearchableQuerySet):
    def in_directory(self):
        """Organisations that consented to be shown to members."""
        return self.exclude(member_visibility=MemberVisibility.HIDDEN)

    def smes(self):
        return self.filter(sme_class__in=[SmeClass.MICRO, SmeClass.SMALL, SmeClass.MEDIUM])

    def research(self):
        return self.filter(kind__in=Organisation.RESEARCH_KINDS)


class Organisation(KeepsSearchText, VersionedModel):
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

    RESEARCH_KINDS = (Kind.UNIVERSITY, Kind.RESEARCH, Kind.EDUCATION)
    COMPANY_KINDS = (Kind.SME, Kind.LARGE, Kind.STARTUP)

    name = OneLineCharField(_("name"), max_length=200)
    legal_form = OneLineCharField(_("legal form"), max_length=60, blank=True)
    kind = OneLineCharField(_("kind"), max_length=12, choices=Kind.choices)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    annual_turnover = models.DecimalField(
        _("annual turnover (EUR)"), null=True, blank=True, **MONEY
    )
    balance_sheet_total = models.DecimalField(
        _("balance-sheet total (EUR)"), null=True, blank=True, **MONEY
    )
    sme_class = OneLineCharField(
        _("SME class"),
        max_length=8,
        choices=SME_CLASS_CHOICES,
        default=SmeClass.UNKNOWN,
        editable=False,
    )
    register_id = OneLineCharField(
        _("commercial register entry"),
        max_length=80,
        blank=True,
        help_text=_("e.g. HRB 12345, Amtsgericht Osnabrück"),
    )
    vat_id = OneLineCharField(_("VAT id"), max_length=14, blank=True)
    street = OneLineCharField(_("street"), max_length=120, blank=True)
    postcode = OneLineCharField(_("postcode"), max_length=10, blank=True)
    city = OneLineCharField(_("city"), max_length=80, blank=True)
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
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = OneLineCharField(_("phone"), max_length=40, blank=True)
    description = PlainTextField(
        _("description"), blank=True, validators=[MaxLengthValidator(10000)]
    )
    competences = models.ManyToManyField(
        "core.Competence", verbose_name=_("competences"), blank=True, related_name="organisations"
    )
    keywords = OneLineCharField(
        _("further keywords"),
        max_length=500,
        blank=True,
        help_text=_("Free keywords beyond the controlled competences, comma-separated."),
    )
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="organisations"
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=GeneratedName("logos"),
        blank=True,
        validators=[validate_stored_image],
        help_text=_("PNG, JPEG or WebP, at most 2 MB."),
    )
    member_visibility = OneLineCharField(
        _("shown to members"),
        max_length=8,
        choices=MemberVisibility.choices,
        default=MemberVisibility.HIDDEN,
        help_text=_(
            "What the network's members see of this organisation in the member directory and in "
            "matchmaking. Contact people are never shown; members write through the office."
        ),
    )
    search_text = PlainTextField(_("search text"), blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text", "created_by"])
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = [german_order("name")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # The list's orders by name and by kind (then name); see partners.queries.
            models.Index(german_index_term("name"), "id", name="organisation_name_order"),
            models.Index("kind", german_index_term("name"), "id", name="organisation_kind_order"),
            models.Index(fields=["sme_class"]),
            models.Index(fields=["member_visibility"]),
            models.Index(fields=["updated_at"]),  # the reports' data fingerprint
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_directory(self) -> bool:
        return self.member_visibility != MemberVisibility.HIDDEN

    @property
    def legal_form_not_in_name(self) -> str:
        """The legal form to show beside the name, or "" when the name already ends in it
        ("Hasetal Datentechnik GmbH", "Feldblick Robotics UG" for "UG (haftungsbeschränkt)")."""
        form = self.legal_form.strip()
        if not form:
            return ""
        name = self.name.casefold().rstrip(" .")
        short = form.split(" (")[0]
        if any(name.endswith(" " + f.casefold().rstrip(" .")) for f in (form, short)):
            return ""
        return form

    @property
    def is_research(self) -> bool:
        return self.kind in self.RESEARCH_KINDS

    def compute_sme_class(self) -> str:
        """Companies get their EU size class; other kinds are not classed."""
        if self.kind not in self.COMPANY_KINDS:
            return SmeClass.UNKNOWN
        return sme_class(self.employees, self.annual_turnover, self.balance_sheet_total)

    @staticmethod
    def validate_identity(data: dict) -> None:
        """VAT id in the format of its country and fitting the organisation's country (when
        `data` names one), shared by clean(), forms, import and API."""
        vat_id = normalise_vat_id(data.get("vat_id") or "")
        problem = vat_id_problem(vat_id, country_code(data.get("country")))
        if problem:
            raise ValidationError({"vat_id": problem})

    @staticmethod
    def validate_address(data: dict) -> None:
        """The postcode in its country's shape (required when an address is given in a country
        with postcodes) and a district only for German addresses; shared like the VAT rule."""
        code = country_code(data.get("country"))
        errors: dict[str, str] = {}
        if code:
            address_given = bool(
                (data.get("street") or "").strip() or (data.get("city") or "").strip()
            )
            problem = postcode_problem(
                code, data.get("postcode") or "", address_given=address_given
            )
            if problem:
                errors["postcode"] = problem
        if data.get("district") and code and code != "DE":
            errors["district"] = _("A district is given for German addresses only.")
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        super().clean()
        self.vat_id = normalise_vat_id(self.vat_id)
        data = {name: getattr(self, name) for name in ("vat_id", "street", "postcode", "city")}
        data.update(country=self.country, district=self.district_id)
        errors: dict[str, list[str]] = {}
        for rule in (self.validate_identity, self.validate_address):
            try:
                rule(data)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.sme_class = self.compute_sme_class()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return searchable(
            self.name, self.legal_form, self.city, self.keywords, self.description[:2000]
        )


def country_code(country: Any) -> str:
    """The ISO code of a country given as a Country, its primary key or its code ("" if
    none or unknown)."""
    if not country:
        return ""
    if isinstance(country, Country):
        return country.code
    if isinstance(country, str) and not country.isdigit():
        return country.upper()
    return Country.objects.filter(pk=country).values_list("code", flat=True).first() or ""


class Unit(TimeStampedModel):
    """A research group, institute or department inside an organisation."""

    class Kind(models.TextChoices):
        RESEARCH_GROUP = "group", _("research group")
        INSTITUTE = "institute", _("institute")
        CHAIR = "chair", _("chair")
        DEPARTMENT = "department", _("department")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    name = OneLineCharField(_("name"), max_length=200)
    kind = OneLineCharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.RESEARCH_GROUP
    )
    description = PlainTextField(
        _("description"), blank=True, validators=[MaxLengthValidator(10000)]
    )
    competences = models.ManyToManyField(
        "core.Competence", verbose_name=_("competences"), blank=True, related_name="units"
    )
    keywords = OneLineCharField(_("further keywords"), max_length=500, blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = [german_order("organisation__name"), german_order("name")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
