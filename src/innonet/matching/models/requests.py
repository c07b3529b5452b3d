"""A member's "I am interested": kept until the office plans an introduction from it or
closes it with a note, so no request depends on a mailbox being configured."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innonet.core.models import HandledByOffice
from innonet.core.models.fields import OneLineCharField, PlainTextField


class InterestRequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    PLANNED = "planned", _("introduction planned")
    CLOSED = "closed", _("closed")


class InterestRequestQuerySet(models.QuerySet):
    def open(self) -> "InterestRequestQuerySet":
        return self.filter(status=InterestRequestStatus.OPEN)

    def for_pair(self, first_id: int, second_id: int) -> "InterestRequestQuerySet":
        """Requests between the two organisations, whichever side asked."""
        return self.filter(
            Q(organisation_id=first_id, target_organisation_id=second_id)
            | Q(organisation_id=second_id, target_organisation_id=first_id)
        )


class InterestRequest(HandledByOffice):
    """A member asks the office to be introduced to another organisation (usually about one
    of its cooperation profiles). Open until staff plan the introduction or close it."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("asking organisation"),
        on_delete=models.CASCADE,
        related_name="interest_requests_made",
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("asking contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation asked for"),
        on_delete=models.CASCADE,
        related_name="interest_requests_received",
    )
    profile = models.ForeignKey(
        "matching.CooperationProfile",
        verbose_name=_("cooperation profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interest_requests",
    )
    topic = OneLineCharField(_("topic"), max_length=200)
    message = PlainTextField(_("message"), blank=True, validators=[MaxLengthValidator(5000)])
    status = OneLineCharField(
        _("status"),
        max_length=10,
        choices=InterestRequestStatus.choices,
        default=InterestRequestStatus.OPEN,
    )
    note = OneLineCharField(_("note"), max_length=500, blank=True)
    introduction = models.ForeignKey(
        "matching.Introduction",
        verbose_name=_("introduction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )

    objects = InterestRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("interest request")
        verbose_name_plural = _("interest requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(organisation=models.F("target_organisation")),
                name="interest_request_two_organisations",
            ),
        ]

    def __str__(self) -> str:
        return self.topic
