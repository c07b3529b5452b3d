"""Suggestions the engine made that someone acted on, and the introductions they led to."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel, VersionedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField


class Question(models.TextChoices):
    IDEA = "idea", _("who can help with an idea")
    PROFILE = "profile", _("who fits a cooperation profile")
    ORGANISATION = "organisation", _("whom an organisation should meet")
    EVENT = "event", _("whom to invite to an event")
    CONSORTIUM = "consortium", _("consortium proposal")


class Rating(models.IntegerChoices):
    BAD = -1, _("bad match")
    NONE = 0, _("not rated")
    GOOD = 1, _("good match")


class Suggestion(TimeStampedModel):
    """One result of the engine, kept once a person rated it or made an introduction from it.

    `source_key` names what was asked (`p:12` a profile, `o:4` an organisation, `e:9` an event,
    `q:<hash>` a free-text idea); the engine uses ratings per key as staff feedback.
    """

    question = OneLineCharField(_("question"), max_length=14, choices=Question.choices)
    source_key = OneLineCharField(_("asked for"), max_length=80)
    query_text = PlainTextField(_("idea"), blank=True, validators=[MaxLengthValidator(5000)])
    source_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("asking organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestions_asked",
    )
    source_profile = models.ForeignKey(
        "matching.CooperationProfile",
        verbose_name=_("cooperation profile"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestions_asked",
    )
    source_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("suggested organisation"),
        on_delete=models.CASCADE,
        related_name="suggestions_received",
    )
    document_id = OneLineCharField(_("matched document"), max_length=40)
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=dict, blank=True)
    rating = models.SmallIntegerField(_("rating"), choices=Rating.choices, default=Rating.NONE)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["source_key", "document_id"], name="suggestion_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_key} → {self.document_id}"


class IntroductionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    INTRODUCED = "introduced", _("introduced")
    MET = "met", _("met")
    COOPERATING = "cooperating", _("cooperating")
    PROJECT_STARTED = "project", _("project started")
    DECLINED = "declined", _("declined")


class Introduction(VersionedModel):
    """Two organisations the office (or a member) brought together, and what came of it."""

    suggestion = models.ForeignKey(
        Suggestion,
        verbose_name=_("suggestion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    profile = models.ForeignKey(
        "matching.CooperationProfile",
        verbose_name=_("cooperation profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    first_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("first organisation"),
        on_delete=models.CASCADE,
        related_name="introductions_first",
    )
    first_person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("first contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    second_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("second organisation"),
        on_delete=models.CASCADE,
        related_name="introductions_second",
    )
    second_person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("second contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = OneLineCharField(_("topic"), max_length=200)
    message = PlainTextField(
        _("message"),
        blank=True,
        validators=[MaxLengthValidator(5000)],
        help_text=_("Why the two should talk; it goes into the introduction mail."),
    )
    status = OneLineCharField(
        _("status"),
        max_length=12,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.PLANNED,
    )
    introduced_on = models.DateField(_("introduced on"), null=True, blank=True)
    mailed_first = models.BooleanField(_("mail to the first contact sent"), default=False)
    mailed_second = models.BooleanField(_("mail to the second contact sent"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_organisation=models.F("second_organisation")),
                name="introduction_two_organisations",
            ),
        ]

    def __str__(self) -> str:
        return self.topic


class IntroductionOutcome(models.Model):
    """One step in an introduction's history: the status it reached, when, by whom, why."""

    introduction = models.ForeignKey(
        Introduction,
        verbose_name=_("introduction"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    status = OneLineCharField(_("status"), max_length=12, choices=IntroductionStatus.choices)
    note = OneLineCharField(_("note"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("introduction outcome")
        verbose_name_plural = _("introduction outcomes")

    def __str__(self) -> str:
        return self.get_status_display()
