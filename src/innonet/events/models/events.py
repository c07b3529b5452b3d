import hashlib

from django.db import models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField

from .registrations import Registration, RegistrationStatus


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    FINISHED = "finished", _("finished")


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")


def _registrations_in(status: str) -> Coalesce:
    """The number of the outer event's registrations in `status`, as a subquery."""
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class EventQuerySet(models.QuerySet):
    def with_places(self):
        """Each event with `confirmed_count`, `waiting_count`, `pending_count` and
        `free_places` (None without a capacity), in subqueries: a list stays one query."""
        counted = self.annotate(
            confirmed_count=_registrations_in(RegistrationStatus.CONFIRMED),
            waiting_count=_registrations_in(RegistrationStatus.WAITING),
            pending_count=_registrations_in(RegistrationStatus.PENDING),
        )
        return counted.annotate(
            free_places=Case(
                When(capacity__isnull=True, then=Value(None)),
                default=Greatest(F("capacity") - F("confirmed_count"), Value(0)),
                output_field=IntegerField(),
            )
        )

    def published(self):
        return self.filter(status__in=(EventStatus.PUBLISHED, EventStatus.FINISHED))

    def public(self):
        return self.published().filter(visibility=EventVisibility.PUBLIC)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(TimeStampedModel):
    """One dated occurrence, created from a format or from scratch.

    Places are counted from confirmed registrations while the event row is locked, so the
    capacity holds under concurrent sign-ups (see services/registrations.py)."""

    format = models.ForeignKey(
        "events.Format",
        verbose_name=_("format"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    title = OneLineCharField(_("title"), max_length=200)
    summary = OneLineCharField(_("summary"), max_length=300, blank=True)
    description = PlainTextField(
        _("description"), max_length=20000, blank=True, help_text=_("Markdown.")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    venue = OneLineCharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    organiser = models.ForeignKey(
        "networks.Network",
        verbose_name=_("organising network"),
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    co_organisers = models.ManyToManyField(
        "networks.Network",
        verbose_name=_("co-organising networks"),
        blank=True,
        related_name="co_organised_events",
    )
    speakers = PlainTextField(
        _("speakers"), max_length=3000, blank=True, help_text=_("One speaker per line.")
    )
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="events"
    )
    competences = models.ManyToManyField(
        "core.Competence", verbose_name=_("competences"), blank=True, related_name="events"
    )
    visibility = OneLineCharField(
        _("visibility"),
        max_length=10,
        choices=EventVisibility.choices,
        default=EventVisibility.PUBLIC,
    )
    status = OneLineCharField(
        _("status"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        db_index=True,
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, people may join a waiting list."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(
        _("registrations need approval"),
        default=False,
        help_text=_("The office confirms each registration by hand."),
    )
    asked_fields = models.JSONField(
        _("asked fields"),
        default=list,
        blank=True,
        help_text=_("What the registration form asks for beyond name and e-mail address."),
    )
    consent_text = PlainTextField(
        _("consent text"),
        max_length=3000,
        help_text=_("What participants agree to when they register."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    cancellation_reason = OneLineCharField(_("reason for cancellation"), max_length=500, blank=True)
    feedback_requested_at = models.DateTimeField(
        _("feedback requested"), null=True, blank=True, editable=False
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(registration_opens_at__isnull=True)
                | models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_closes_at__gte=models.F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status", "visibility", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def consent_version(self) -> str:
        """A short fingerprint of the consent text; stored with each registration."""
        digest = hashlib.sha256(self.consent_text.encode("utf-8")).hexdigest()
        return f"event-{self.pk}-{digest[:12]}"

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue
