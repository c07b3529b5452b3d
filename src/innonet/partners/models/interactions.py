from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField


class InteractionQuerySet(models.QuerySet):
    def open_follow_ups(self):
        return self.filter(follow_up_on__isnull=False, follow_up_done=False)


class Interaction(TimeStampedModel):
    """Something the office did with a partner: a consultation, visit, call, mail or an
    introduction between partners."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("consultation")
        VISIT = "visit", _("visit")
        CALL = "call", _("call")
        MAIL = "mail", _("mail")
        INTRODUCTION = "introduction", _("introduction")

    kind = OneLineCharField(_("kind"), max_length=14, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )
    topic = OneLineCharField(_("topic"), max_length=200)
    notes = PlainTextField(_("notes"), blank=True, validators=[MaxLengthValidator(20000)])
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="interaction_has_partner",
            )
        ]
        indexes = [
            models.Index(fields=["staff", "follow_up_done", "follow_up_on"]),
            models.Index(fields=["updated_at"]),  # the reports' data fingerprint
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic}"
