from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import OneLineCharField, PlainTextField


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SUPPRESSED = "suppressed", _("not sent (address blocked)")


class OutgoingMail(models.Model):
    """One mail to one recipient, as the platform hands it to the SMTP server.

    Every mail the platform sends is a row here first (RELIABILITY item 22). `key` names what
    the mail is for (e.g. one newsletter issue to one subscription), so queueing the same mail
    twice stores it once; the sender leases rows, and `message_id` is derived from the key so
    that a receiver can drop the rare duplicate of a worker killed between the server's 250
    and the commit.
    """

    key = OneLineCharField(_("key"), max_length=200, unique=True)
    category = OneLineCharField(_("kind"), max_length=80, db_index=True)
    batch = OneLineCharField(_("batch"), max_length=80, blank=True, db_index=True)
    to_address = models.EmailField(_("recipient"), max_length=254, db_index=True)
    from_address = OneLineCharField(_("sender"), max_length=254)
    subject = OneLineCharField(_("subject"), max_length=255)
    body_text = PlainTextField(_("plain text"))
    body_html = PlainTextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    message_id = OneLineCharField(_("message id"), max_length=255, unique=True)
    status = OneLineCharField(
        _("status"), max_length=12, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    leased_until = models.DateTimeField(_("leased until"), null=True, blank=True)
    lease_owner = OneLineCharField(_("leased by"), max_length=64, blank=True)
    last_error = PlainTextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("queued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [
            models.Index(fields=["status", "not_before"], name="core_outbox_due"),
            models.Index(fields=["batch", "status"], name="core_outbox_batch"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_address}"


class SuppressedAddress(models.Model):
    """An address that gets no more mail: it bounced hard, or its server refused it for good.

    Mails queued for it are stored as `suppressed` and never handed to the SMTP server.
    """

    address = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    reason = PlainTextField(_("reason"))
    recorded_at = models.DateTimeField(_("blocked since"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("blocked address")
        verbose_name_plural = _("blocked addresses")

    def __str__(self) -> str:
        return self.address
