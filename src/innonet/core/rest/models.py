from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


class IdempotencyKey(models.Model):
    """The stored answer to one API write sent with an `Idempotency-Key` header.

    The row is written in the same transaction as the object it answers for, and the key is
    unique per user: a retry of the same request gets the stored answer instead of a second
    object, also while the first is still running (the retry waits for it). Rows are kept for
    a day (see innonet.core.rest.idempotency)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = OneLineCharField(_("key"), max_length=255)
    method = OneLineCharField(_("method"), max_length=10)
    path = OneLineCharField(_("path"), max_length=500)
    fingerprint = OneLineCharField(_("request fingerprint"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    response_body = models.JSONField(_("response body"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"
