import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_index_term, german_order
from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.search import searchable
from innonet.core.search_index import KeepsSearchText, SearchableQuerySet


class RegistrationStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("awaiting e-mail confirmation")
    PENDING = "pending", _("awaiting approval")
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    REJECTED = "rejected", _("declined")


# Registrations in these states hold the e-mail address for the event: nobody registers twice.
ACTIVE_STATUSES = (
    RegistrationStatus.UNCONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
)


class AskedField(models.TextChoices):
    """Optional questions of the registration form, chosen per event."""

    ORGANISATION = "organisation", _("organisation")
    POSITION = "position", _("position")
    PHONE = "phone", _("phone")
    DIETARY = "dietary", _("dietary requirements")
    REMARKS = "remarks", _("remarks")


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(SearchableQuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("waitlisted_at", "pk")

    def attended(self):
        return self.filter(attended_at__isnull=False)


class Registration(KeepsSearchText, TimeStampedModel):
    """One person's place (or wish for one) at one event.

    A registration from the public form counts only once its confirmation link is clicked
    (double opt-in). Links carry a signature over the id and `secret`; cancelling rotates
    nothing, so the same link keeps showing the registration's state."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = OneLineCharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.UNCONFIRMED,
        db_index=True,
    )
    first_name = OneLineCharField(_("first name"), max_length=80)
    last_name = OneLineCharField(_("last name"), max_length=80)
    email = models.EmailField(_("e-mail address"))
    organisation_name = OneLineCharField(_("organisation"), max_length=200, blank=True)
    position = OneLineCharField(_("position"), max_length=120, blank=True)
    phone = OneLineCharField(_("phone"), max_length=40, blank=True)
    dietary_requirements = OneLineCharField(_("dietary requirements"), max_length=300, blank=True)
    remarks = PlainTextField(_("remarks"), max_length=2000, blank=True)
    language = OneLineCharField(
        _("language"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered with account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    registered_by = models.ForeignKey(
        "self",
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="colleagues",
        help_text=_("The colleague who registered this person together with others."),
    )
    source = OneLineCharField(_("source"), max_length=20, default="form")
    secret = OneLineCharField(max_length=40, default=new_secret, editable=False)
    consent_version = OneLineCharField(_("consent text version"), max_length=60, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    feedback_requested_at = models.DateTimeField(_("feedback requested"), null=True, blank=True)
    search_text = PlainTextField(blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = [german_order("last_name"), german_order("first_name"), "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="registration_once_per_event",
            )
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["email"]),
            models.Index(fields=["updated_at"]),  # the reports' data fingerprint
            models.Index(
                german_index_term("last_name"),
                german_index_term("first_name"),
                "id",
                name="registration_name_order",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return searchable(self.first_name, self.last_name, self.email, self.organisation_name)

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    # What the log of accesses to personal data calls it (core.access_log).
    ACCESS_LABEL_RELATED = ("event",)

    @property
    def access_label(self) -> str:
        return f"{self} · {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def holds_place(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED


class Feedback(TimeStampedModel):
    """A participant's rating (1-5) and comment after the event; one per registration."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = PlainTextField(_("comment"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]
        indexes = [models.Index(fields=["updated_at"])]  # the reports' data fingerprint

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.rating}"
