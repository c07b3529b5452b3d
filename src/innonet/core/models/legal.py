from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimeStampedModel
from .fields import OneLineCharField, PlainTextField


class LegalPage(TimeStampedModel):
    """The operator's imprint (Impressum) and privacy policy, edited by staff in the admin and
    shown to everyone at `core:imprint` and `core:privacy` (one row per kind)."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy policy")

    kind = OneLineCharField(_("page"), max_length=10, choices=Kind.choices, unique=True)
    body = PlainTextField(
        _("text"),
        max_length=50000,
        help_text=_("Markdown: headings with #, lists with -, links as [text](https://…)."),
    )

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self) -> str:
        return str(self.get_kind_display())
