"""The meeting marketplace of an event.

Double booking is impossible by the database's own rules, not only by the services: a
(slot, table) holds one meeting (`Meeting` unique), and every meeting writes one `MeetingSeat`
per participant, unique per (participant, slot). Two accepts or a plan run racing for the same
slot can therefore never both commit, whichever code path they take.
"""

from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField

DEFAULT_TIME_ZONE = "Europe/Berlin"
MAX_REQUESTS_LIMIT = 50


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("Unknown time zone: please give a name such as Europe/Berlin."))


class PlanState(models.TextChoices):
    NONE = "none", _("no plan yet")
    QUEUED = "queued", _("waiting for the background worker")
    RUNNING = "running", _("being built")
    DONE = "done", _("built")
    FAILED = "failed", _("failed")


class Marketplace(TimeStampedModel):
    """One per event: whether requests are open, until when, and the state of the plan."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="marketplace",
    )
    is_open = models.BooleanField(
        _("open for requests"),
        default=True,
        help_text=_("Participants may publish profiles, request and answer meetings."),
    )
    request_deadline = models.DateTimeField(_("requests until"), null=True, blank=True)
    time_zone = OneLineCharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The local time of the event; online meetings show it with its offset."),
    )
    max_requests = models.PositiveSmallIntegerField(
        _("requests per participant"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REQUESTS_LIMIT)],
        help_text=_("How many meetings one participant may request."),
    )
    plan_state = OneLineCharField(
        _("plan"), max_length=8, choices=PlanState.choices, default=PlanState.NONE
    )
    plan_progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    plan_message = OneLineCharField(_("plan message"), max_length=500, blank=True)
    planned_at = models.DateTimeField(_("plan built"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting marketplace")
        verbose_name_plural = _("meeting marketplaces")

    def __str__(self) -> str:
        return str(self.event)


class SlotKind(models.TextChoices):
    MEETING = "meeting", _("meeting slot")
    BREAK = "break", _("break")


class Slot(models.Model):
    marketplace = models.ForeignKey(
        Marketplace, verbose_name=_("marketplace"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    kind = OneLineCharField(
        _("kind"), max_length=8, choices=SlotKind.choices, default=SlotKind.MEETING
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meetings_slot_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["marketplace", "starts_at"], name="meetings_slot_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}-{self.ends_at:%H:%M}"

    @property
    def is_break(self) -> bool:
        return self.kind == SlotKind.BREAK


class TableKind(models.TextChoices):
    TABLE = "table", _("table on site")
    ONLINE = "online", _("online room")


class Table(models.Model):
    marketplace = models.ForeignKey(
        Marketplace, verbose_name=_("marketplace"), on_delete=models.CASCADE, related_name="tables"
    )
    name = OneLineCharField(_("name"), max_length=80)
    kind = OneLineCharField(_("kind"), max_length=8, choices=TableKind.choices, default="table")
    link = models.URLField(_("link of the online room"), max_length=500, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("table or room")
        verbose_name_plural = _("tables and rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["marketplace", "name"], name="meetings_table_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_online(self) -> bool:
        return self.kind == TableKind.ONLINE


class Participant(TimeStampedModel):
    """A registration of the event that takes part in the marketplace with a short profile."""

    marketplace = models.ForeignKey(
        Marketplace,
        verbose_name=_("marketplace"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="meeting_participant",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_participations",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_participations",
    )
    name = OneLineCharField(_("name"), max_length=170)
    organisation_name = OneLineCharField(_("organisation"), max_length=200, blank=True)
    headline = OneLineCharField(_("in one line"), max_length=200)
    offers = PlainTextField(_("we offer"), max_length=1000, blank=True)
    seeks = PlainTextField(_("we are looking for"), max_length=1000, blank=True)
    published = models.BooleanField(_("visible to other participants"), default=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    unavailable_slots = models.ManyToManyField(
        Slot,
        verbose_name=_("not available in"),
        blank=True,
        related_name="absent_participants",
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        constraints = [
            models.UniqueConstraint(
                fields=["marketplace", "user"],
                condition=Q(user__isnull=False),
                name="meetings_participant_once_per_user",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


def pair_key(first_id: int, second_id: int) -> str:
    low, high = sorted((first_id, second_id))
    return f"{low}-{high}"


class MeetingRequest(TimeStampedModel):
    marketplace = models.ForeignKey(
        Marketplace,
        verbose_name=_("marketplace"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    requester = models.ForeignKey(
        Participant,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="sent_requests",
    )
    recipient = models.ForeignKey(
        Participant,
        verbose_name=_("requested from"),
        on_delete=models.CASCADE,
        related_name="received_requests",
    )
    # "low-high" participant ids: one request per pair, whoever asked first.
    pair = OneLineCharField(max_length=40, editable=False)
    message = PlainTextField(_("message"), max_length=500, blank=True)
    status = OneLineCharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.REQUESTED,
        db_index=True,
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(fields=["marketplace", "pair"], name="meetings_request_pair"),
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="meetings_request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"

    def save(self, *args, **kwargs) -> None:
        self.pair = pair_key(self.requester_id, self.recipient_id)
        super().save(*args, **kwargs)


class Outcome(models.TextChoices):
    OPEN = "", _("not recorded yet")
    HELD = "held", _("held")
    NO_SHOW_REQUESTER = "no_show_req", _("requesting side did not come")
    NO_SHOW_RECIPIENT = "no_show_rec", _("requested side did not come")
    NO_SHOW_BOTH = "no_show_both", _("neither side came")


NO_SHOWS = (Outcome.NO_SHOW_REQUESTER, Outcome.NO_SHOW_RECIPIENT, Outcome.NO_SHOW_BOTH)


class Meeting(TimeStampedModel):
    """An accepted request placed in a slot at a table, and what came of it."""

    marketplace = models.ForeignKey(
        Marketplace,
        verbose_name=_("marketplace"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="meeting",
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("time slot"), on_delete=models.PROTECT, related_name="meetings"
    )
    table = models.ForeignKey(
        Table, verbose_name=_("table or room"), on_delete=models.PROTECT, related_name="meetings"
    )
    outcome = OneLineCharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN, blank=True
    )
    follow_up = models.BooleanField(_("follow-up agreed"), default=False)
    outcome_note = OneLineCharField(_("note"), max_length=500, blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    introduction = models.ForeignKey(
        "matching.Introduction",
        verbose_name=_("introduction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    project = models.ForeignKey(
        "projects.InnovationProject",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )

    class Meta:
        ordering = ["slot__starts_at", "table__name", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="meetings_one_per_table"),
        ]

    def __str__(self) -> str:
        return f"{self.request} ({self.slot}, {self.table})"


class MeetingSeat(models.Model):
    """A participant's place in a meeting; unique per slot, so nobody is in two at once."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="seats")

    class Meta:
        verbose_name = _("seat in a meeting")
        verbose_name_plural = _("seats in meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "slot"], name="meetings_participant_once_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.slot}"
