import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField

TOKEN_PREFIX = "inn_"  # noqa: S105 - a public marker, not a secret


def hash_token_secret(secret: str) -> str:
    """Tokens carry 256 random bits, so one fast hash is enough; the secret is never stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, at: datetime | None = None) -> "ApiTokenQuerySet":
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=at, user__is_active=True)


class ApiToken(models.Model):
    """A personal API token: stored hashed, scoped, expiring and revocable."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = OneLineCharField(_("name"), max_length=100)
    key_id = OneLineCharField(_("key id"), max_length=16, unique=True)
    secret_hash = OneLineCharField(_("secret hash"), max_length=64)
    scope = OneLineCharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}{self.key_id}…)"

    @staticmethod
    def generate() -> tuple[str, str, str]:
        """A new (key id, secret, full token); only the full token is shown to the user."""
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        return key_id, secret, f"{TOKEN_PREFIX}{key_id}_{secret}"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def read_only(self) -> bool:
        """The API's permission reads this, so core need not know the token model."""
        return self.scope == self.Scope.READ
