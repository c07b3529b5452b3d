from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


class ConsentPurpose(models.TextChoices):
    NEWSLETTER = "newsletter", _("newsletter")
    PUBLIC_PROFILE = "public_profile", _("public profile")
    PARTNER_SHARING = "partner_sharing", _("sharing with partner networks")


class ConsentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Consents are an append-only log.")

    def delete(self):
        raise TypeError("Consents are an append-only log.")


class Consent(models.Model):
    """One entry of the consent log: granted or withdrawn, when, where and to which text.

    The current state for a (person, organisation, purpose) is its newest entry. Entries are
    never changed, so the log shows what a person agreed to at any time (GDPR Art. 7(1)).
    """

    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("for organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
        help_text=_("For the public profile: the organisation the person speaks for."),
    )
    purpose = OneLineCharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    source = OneLineCharField(_("source"), max_length=120)
    text_version = OneLineCharField(_("text version"), max_length=40)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "purpose", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.granted}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError("Consents are an append-only log.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Consents are an append-only log.")
