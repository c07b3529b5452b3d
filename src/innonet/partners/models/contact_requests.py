"""A member's request to be put in touch with an organisation of the member directory."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models import OfficeRequest, OfficeRequestStatus
from innonet.core.models.fields import PlainTextField

CONTACT_MESSAGE_MAX_LENGTH = 2000


ContactRequestStatus = OfficeRequestStatus


class ContactRequest(OfficeRequest):
    """A member asks the office to put it in touch with an organisation (or one of its research
    groups). Stored before anyone is told, so a request is never lost; the office works
    through the open ones and marks them done."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation asked for"),
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    unit = models.ForeignKey(
        "partners.Unit",
        verbose_name=_("research group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests",
    )
    requesting_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("asking organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests_sent",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = PlainTextField(
        _("message"), validators=[MaxLengthValidator(CONTACT_MESSAGE_MAX_LENGTH)]
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return str(self.organisation)
