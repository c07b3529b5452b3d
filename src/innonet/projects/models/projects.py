"""Innovation projects, their stage history and their partners with budgets."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel, VersionedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.search import searchable
from innonet.core.search_index import KeepsSearchText, SearchableQuerySet

from ..rules import Confidentiality, PartnerRole, Stage
from .programmes import PERCENT

STAGE_CHOICES = [
    (Stage.IDEA.value, _("idea")),
    (Stage.SOUNDING.value, _("sounding")),
    (Stage.CONSORTIUM.value, _("consortium building")),
    (Stage.PREPARATION.value, _("application in preparation")),
    (Stage.SUBMITTED.value, _("submitted")),
    (Stage.GRANTED.value, _("granted")),
    (Stage.REJECTED.value, _("rejected")),
    (Stage.RUNNING.value, _("running")),
    (Stage.FINISHED.value, _("finished")),
    (Stage.DROPPED.value, _("dropped")),
]
CONFIDENTIALITY_CHOICES = [
    (Confidentiality.STAFF.value, _("network staff only")),
    (Confidentiality.PARTNERS.value, _("project partners")),
    (Confidentiality.NETWORK.value, _("network")),
]
ROLE_CHOICES = [
    (PartnerRole.LEAD.value, _("lead")),
    (PartnerRole.PARTNER.value, _("partner")),
    (PartnerRole.ASSOCIATED.value, _("associated partner")),
    (PartnerRole.SUBCONTRACTOR.value, _("subcontractor")),
]
AMOUNT = {"max_digits": 12, "decimal_places": 2}


class InnovationProjectQuerySet(SearchableQuerySet):
    pass


class InnovationProject(KeepsSearchText, VersionedModel):
    """A project the network helps to initiate, from the first idea to the funding decision
    and beyond; it remembers which network activity it came from."""

    title = OneLineCharField(_("title"), max_length=200)
    summary = PlainTextField(
        _("short description"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    goals = PlainTextField(_("goals"), blank=True, validators=[MaxLengthValidator(10000)])
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="projects"
    )
    competences = models.ManyToManyField(
        "core.Competence",
        verbose_name=_("competences needed"),
        blank=True,
        related_name="projects",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_projects",
        help_text=_("The staff member responsible for the project."),
    )
    stage = OneLineCharField(
        _("stage"), max_length=12, choices=STAGE_CHOICES, default=Stage.IDEA, editable=False
    )
    next_step = OneLineCharField(_("next step"), max_length=300, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    confidentiality = OneLineCharField(
        _("confidentiality"),
        max_length=10,
        choices=CONFIDENTIALITY_CHOICES,
        default=Confidentiality.STAFF,
    )
    programme = models.ForeignKey(
        "projects.FundingProgramme",
        verbose_name=_("funding programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    call = models.ForeignKey(
        "projects.FundingCall",
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    # Origin: the network activity the project came from (an event, an interaction, an
    # introduction made by matchmaking, a cooperation profile), or a note.
    origin_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("originating event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_projects",
    )
    origin_interaction = models.ForeignKey(
        "partners.Interaction",
        verbose_name=_("originating interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_projects",
    )
    origin_introduction = models.ForeignKey(
        "matching.Introduction",
        verbose_name=_("originating introduction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_projects",
    )
    origin_profile = models.ForeignKey(
        "matching.CooperationProfile",
        verbose_name=_("originating cooperation profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_projects",
    )
    origin_note = OneLineCharField(
        _("origin (other)"),
        max_length=300,
        blank=True,
        help_text=_("Where the idea came from, if not an event or an interaction."),
    )
    # Who recorded the project is the first entry of its stage history; `owner` is who runs it.
    created_by = None
    search_text = PlainTextField(_("search text"), blank=True, editable=False)

    objects = InnovationProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("innovation project")
        verbose_name_plural = _("innovation projects")
        indexes = [
            models.Index(fields=["stage"]),
            models.Index(fields=["confidentiality"]),
            models.Index(fields=["owner", "stage"]),
            models.Index(fields=["updated_at", "id"], name="project_changed_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def origin_filter() -> Q:
        """Projects that started from a recorded network activity."""
        return (
            Q(origin_event__isnull=False)
            | Q(origin_interaction__isnull=False)
            | Q(origin_introduction__isnull=False)
            | Q(origin_profile__isnull=False)
            | ~Q(origin_note="")
        )

    @property
    def has_origin(self) -> bool:
        return bool(
            self.origin_event_id
            or self.origin_interaction_id
            or self.origin_introduction_id
            or self.origin_profile_id
            or self.origin_note
        )

    def build_search_text(self) -> str:
        return searchable(
            self.title, self.summary[:2000], self.goals[:2000], self.next_step, self.origin_note
        )


class StageChange(models.Model):
    """One move of a project between stages: who, when and why. Creation is the first entry
    (from no stage to idea), so the history alone tells every stage a project reached."""

    project = models.ForeignKey(
        InnovationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = OneLineCharField(_("from stage"), max_length=12, choices=STAGE_CHOICES, blank=True)
    to_stage = OneLineCharField(_("to stage"), max_length=12, choices=STAGE_CHOICES)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = OneLineCharField(_("reason"), max_length=500, blank=True)
    forced = models.BooleanField(_("rules overridden"), default=False)

    class Meta:
        ordering = ["project", "changed_at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [
            models.Index(fields=["project", "changed_at"]),
            models.Index(fields=["to_stage", "changed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage or '-'} → {self.to_stage}"


class ProjectPartner(TimeStampedModel):
    """An organisation (or one of its units) in a project's consortium, with its budget."""

    project = models.ForeignKey(
        InnovationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="project_partners",
    )
    unit = models.ForeignKey(
        "partners.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_partners",
    )
    role = OneLineCharField(
        _("role"), max_length=14, choices=ROLE_CHOICES, default=PartnerRole.PARTNER
    )
    requested_amount = models.DecimalField(
        _("requested amount (EUR)"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
        **AMOUNT,
    )
    granted_amount = models.DecimalField(
        _("granted amount (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        **AMOUNT,
    )
    funding_rate = models.DecimalField(
        _("funding rate (%)"),
        null=True,
        blank=True,
        help_text=_("Empty: taken from the programme's rate for this kind of partner."),
        **PERCENT,
    )

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            # NULL units are distinct in a plain unique constraint, hence the second one.
            models.UniqueConstraint(
                fields=["project", "organisation", "unit"], name="project_partner_unique_unit"
            ),
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=Q(unit__isnull=True),
                name="project_partner_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role=PartnerRole.LEAD),
                name="project_partner_single_lead",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0), name="project_partner_requested_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | (Q(granted_amount__gte=0) & Q(granted_amount__lte=models.F("requested_amount"))),
                name="project_partner_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=Q(funding_rate__isnull=True)
                | (Q(funding_rate__gte=0) & Q(funding_rate__lte=100)),
                name="project_partner_rate_percent",
            ),
        ]

    def __str__(self) -> str:
        name = str(self.organisation) if self.unit_id is None else str(self.unit)
        return f"{name} ({self.get_role_display()})"
