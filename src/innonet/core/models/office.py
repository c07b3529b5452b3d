"""What waits for the network office until a staff member handles it: members' requests,
visitors' answers. The concrete models live with their app; the bookkeeping is shared."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeStampedModel
from .fields import OneLineCharField


class HandledByOffice(TimeStampedModel):
    """Who in the office handled it, and when (empty while it is open work)."""

    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        abstract = True


class OfficeRequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")


class OfficeRequest(HandledByOffice):
    """A request that is open until the office marks it done (core.office_requests)."""

    status = OneLineCharField(
        _("status"),
        max_length=6,
        choices=OfficeRequestStatus.choices,
        default=OfficeRequestStatus.OPEN,
    )

    class Meta:
        abstract = True
