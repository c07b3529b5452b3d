"""A visitor's answer to a public cooperation profile, for the office."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models import OfficeRequest, OfficeRequestStatus
from innonet.core.models.fields import OneLineCharField, PlainTextField

RESPONSE_MESSAGE_MAX_LENGTH = 3000
# The version of the consent text a visitor agrees to; change it whenever the text changes.
RESPONSE_CONSENT_VERSION = "profil-antwort-2026-12"


ProfileResponseStatus = OfficeRequestStatus


class ProfileResponse(OfficeRequest):
    """Someone without an account answered a public cooperation profile. It reaches the
    office, never the profile's organisation directly; stored before anyone is told, with the
    consent the visitor gave (when, to which text version)."""

    profile = models.ForeignKey(
        "matching.CooperationProfile",
        verbose_name=_("cooperation profile"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    name = OneLineCharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    organisation_name = OneLineCharField(_("organisation"), max_length=200, blank=True)
    message = PlainTextField(
        _("message"), validators=[MaxLengthValidator(RESPONSE_MESSAGE_MAX_LENGTH)]
    )
    consent_version = OneLineCharField(_("consent text version"), max_length=40)
    consented_at = models.DateTimeField(_("consent given"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("answer to a cooperation profile")
        verbose_name_plural = _("answers to cooperation profiles")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name} → {self.profile}"
