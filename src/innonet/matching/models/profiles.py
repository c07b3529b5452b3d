"""Cooperation profiles in the Enterprise Europe Network's five kinds."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.models import VersionedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.search import searchable
from innonet.core.search_index import KeepsSearchText, SearchableQuerySet


class ProfileKind(models.TextChoices):
    TECHNOLOGY_OFFER = "tech_offer", _("technology offer")
    TECHNOLOGY_REQUEST = "tech_request", _("technology request")
    BUSINESS_OFFER = "business_offer", _("business offer")
    BUSINESS_REQUEST = "business_request", _("business request")
    RD_PARTNER_SEARCH = "rd_search", _("R&D partner search")


# An offer meets a request of the same family and the reverse; a partner search meets all.
COUNTERPARTS: dict[str, tuple[str, ...]] = {
    ProfileKind.TECHNOLOGY_OFFER: (ProfileKind.TECHNOLOGY_REQUEST, ProfileKind.RD_PARTNER_SEARCH),
    ProfileKind.TECHNOLOGY_REQUEST: (ProfileKind.TECHNOLOGY_OFFER, ProfileKind.RD_PARTNER_SEARCH),
    ProfileKind.BUSINESS_OFFER: (ProfileKind.BUSINESS_REQUEST,),
    ProfileKind.BUSINESS_REQUEST: (ProfileKind.BUSINESS_OFFER,),
    ProfileKind.RD_PARTNER_SEARCH: (
        ProfileKind.RD_PARTNER_SEARCH,
        ProfileKind.TECHNOLOGY_OFFER,
        ProfileKind.TECHNOLOGY_REQUEST,
    ),
}


class DevelopmentStage(models.TextChoices):
    NOT_APPLICABLE = "", _("not applicable")
    CONCEPT = "concept", _("concept")
    DEVELOPMENT = "development", _("under development, lab tested")
    PROTOTYPE = "prototype", _("prototype available for demonstration")
    FIELD_TESTED = "field_tested", _("field tested")
    MARKET = "market", _("already on the market")


class IpStatus(models.TextChoices):
    NONE = "", _("no protection needed or not stated")
    PATENT_APPLIED = "patent_applied", _("patent applied for")
    PATENT_GRANTED = "patent_granted", _("patent granted")
    SECRET = "secret", _("secret know-how")
    COPYRIGHT = "copyright", _("copyright")
    OTHER = "other", _("other protection")


class Visibility(models.TextChoices):
    NETWORK = "network", _("own network")
    PARTNERS = "partners", _("partner networks")
    PUBLIC = "public", _("public")


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class PartnerSought(models.TextChoices):
    ANY = "", _("any kind")
    COMPANY = "company", _("company")
    SME = "sme", _("SME")
    RESEARCH = "research", _("research or education institution")


class CooperationType(models.TextChoices):
    """The Enterprise Europe Network's types of cooperation a profile may offer or seek."""

    COMMERCIAL_WITH_ASSISTANCE = (
        "commercial_ta",
        _("commercial agreement with technical assistance"),
    )
    LICENCE = "licence", _("licence agreement")
    TECHNICAL_COOPERATION = "technical", _("technical cooperation agreement")
    RESEARCH_COOPERATION = "research", _("research cooperation agreement")
    JOINT_VENTURE = "joint_venture", _("joint venture agreement")
    MANUFACTURING = "manufacturing", _("manufacturing agreement")
    SERVICES = "services", _("services agreement")
    SUBCONTRACTING = "subcontracting", _("subcontracting")
    OUTSOURCING = "outsourcing", _("outsourcing agreement")
    DISTRIBUTION = "distribution", _("distribution services agreement")
    COMMERCIAL_AGENCY = "agency", _("commercial agency agreement")
    ACQUISITION = "acquisition", _("acquisition agreement")
    FINANCIAL = "financial", _("financial agreement")
    FRANCHISE = "franchise", _("franchise agreement")
    RECIPROCAL_PRODUCTION = "reciprocal", _("reciprocal production")


def validate_cooperation_types(value: object) -> None:
    """A list of distinct known types of cooperation (shared by form, API and service)."""
    if (
        not isinstance(value, list)
        or any(item not in CooperationType.values for item in value)
        or len(set(value)) != len(value)
    ):
        raise ValidationError(_("Choose the types of cooperation from the list, each once."))


class CooperationProfileQuerySet(SearchableQuerySet):
    def active(self, today: date | None = None) -> "CooperationProfileQuerySet":
        """Published and still valid."""
        today = today or timezone.localdate()
        return self.filter(status=ProfileStatus.PUBLISHED, valid_until__gte=today)


class CooperationProfile(KeepsSearchText, VersionedModel):
    """What an organisation (or one of its units) offers or looks for, for a limited time."""

    kind = OneLineCharField(_("kind"), max_length=16, choices=ProfileKind.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cooperation_profiles",
    )
    unit = models.ForeignKey(
        "partners.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_profiles",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="cooperation_profiles",
        help_text=_("The network the profile is posted in."),
    )
    contact = models.ForeignKey(
        "partners.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperation_profiles",
    )
    title = OneLineCharField(_("title"), max_length=200)
    summary = PlainTextField(_("summary"), validators=[MaxLengthValidator(1000)])
    description = PlainTextField(
        _("description"), blank=True, validators=[MaxLengthValidator(20000)]
    )
    advantages = PlainTextField(
        _("advantages and innovation"), blank=True, validators=[MaxLengthValidator(5000)]
    )
    development_stage = OneLineCharField(
        _("development stage"), max_length=16, blank=True, choices=DevelopmentStage.choices
    )
    ip_status = OneLineCharField(
        _("IP status"), max_length=16, blank=True, choices=IpStatus.choices
    )
    partner_sought = OneLineCharField(
        _("partner sought"), max_length=12, blank=True, choices=PartnerSought.choices
    )
    partner_role = OneLineCharField(
        _("role of the partner"),
        max_length=500,
        blank=True,
        help_text=_("What the partner is expected to do, e.g. a field trial or joint research."),
    )
    cooperation_types = models.JSONField(
        _("types of cooperation"),
        default=list,
        blank=True,
        validators=[validate_cooperation_types],
    )
    keywords = OneLineCharField(_("keywords"), max_length=500, blank=True)
    competences = models.ManyToManyField(
        "core.Competence", verbose_name=_("competences"), blank=True, related_name="profiles"
    )
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="profiles"
    )
    status = OneLineCharField(
        _("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT
    )
    visibility = OneLineCharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    valid_until = models.DateField(_("valid until"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    renewed_at = models.DateTimeField(_("renewed"), null=True, blank=True, editable=False)
    search_text = PlainTextField(_("search text"), blank=True, editable=False)

    objects = CooperationProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("cooperation profile")
        verbose_name_plural = _("cooperation profiles")
        indexes = [
            models.Index(fields=["status", "valid_until"]),
            models.Index(fields=["updated_at", "id"], name="profile_changed_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProfileKind.values), name="profile_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def build_search_text(self) -> str:
        return searchable(self.title, self.summary, self.keywords, self.description)

    @property
    def cooperation_type_labels(self) -> list[str]:
        labels = dict(CooperationType.choices)
        return [str(labels.get(value, value)) for value in self.cooperation_types]

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()

    @property
    def is_active(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED and not self.is_expired

    @property
    def counterpart_kinds(self) -> tuple[str, ...]:
        return COUNTERPARTS[self.kind]
