import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField


def new_feed_key() -> str:
    return secrets.token_urlsafe(18)


class CalendarFeedKey(models.Model):
    """The secret part of a user's personal calendar feed address.

    Calendar clients cannot sign in, so the address itself carries a signed token naming the
    user and this key; replacing the key ("reset link") makes every old address answer 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_key",
    )
    key = OneLineCharField(max_length=40, default=new_feed_key, editable=False)
    rotated_at = models.DateTimeField(_("link created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self) -> str:
        return str(self.user_id)
