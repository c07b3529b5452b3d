"""Account writes: API tokens and role changes, each with its audit entry."""

import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError

from .models import ApiToken, User
from .models.tokens import hash_token_secret

MAX_TOKEN_DAYS = 365
MAX_TOKENS_PER_USER = 20


@transaction.atomic
def api_token_create(
    user: User, *, name: str, scope: str, days: int | None = None, acting_user: User | None
) -> tuple[ApiToken, str]:
    """Create a token and return it with the plain key, which is shown once and never again."""
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise DomainError(
            _("A token must expire within 1 to %(max)s days.") % {"max": MAX_TOKEN_DAYS},
            field="days",
        )
    if scope not in ApiToken.Scope.values:
        raise DomainError(_("Unknown token scope."), field="scope")
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Please give the token a name."), field="name")
    User.objects.select_for_update().get(pk=user.pk)
    if ApiToken.objects.usable().filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise DomainError(
            _("You already have %(max)s active tokens; revoke one first.")
            % {"max": MAX_TOKENS_PER_USER}
        )
    key_id, secret, plain = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_id=key_id,
        secret_hash=hash_token_secret(secret),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(token, "accounts.token.created", user=acting_user, data={"scope": scope})
    return token, plain


@transaction.atomic
def api_token_revoke(token: ApiToken, *, acting_user: User | None) -> ApiToken:
    """Revoke a token at once; revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(token, "accounts.token.revoked", user=acting_user)
    return token


@transaction.atomic
def api_tokens_revoke_all(user: User, *, reason: str, acting_user: User | None) -> int:
    """Revoke every usable token of `user` (after a password change or reset: a key that may
    have leaked with the password must not outlive it). Returns how many were revoked."""
    tokens = list(ApiToken.objects.usable().select_for_update().filter(user=user))
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        audit.record(token, "accounts.token.revoked", user=acting_user, data={"reason": reason})
    return len(tokens)


def api_token_authenticate(plain: str) -> ApiToken | None:
    """The usable token for a presented key, or None; compares hashes, never plain keys."""
    if not plain.startswith("inn_"):
        return None
    key_id, sep, secret = plain[4:].partition("_")
    if not sep or not key_id or not secret or len(plain) > 200:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_id=key_id).first()
    if token is None:
        return None
    if not hmac.compare_digest(token.secret_hash, hash_token_secret(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


_ROLE_FIELDS = ("role", "organisation_id", "network_id", "is_active", "is_superuser")


@transaction.atomic
def user_save(user: User, *, acting_user: User | None) -> User:
    """Save an account edited by staff; creation, role changes and deactivation are audited."""
    User.validate_role_ties(
        {"role": user.role, "organisation": user.organisation_id, "network": user.network_id}
    )
    previous = User.objects.select_for_update().filter(pk=user.pk).first() if user.pk else None
    user.email = (user.email or "").strip().lower()
    user.save()
    if previous is None:
        audit.record(user, "accounts.user.created", user=acting_user, data={"role": user.role})
        return user
    changes = {
        field: [str(getattr(previous, field)), str(getattr(user, field))]
        for field in _ROLE_FIELDS
        if getattr(previous, field) != getattr(user, field)
    }
    if "is_active" in changes and not user.is_active:
        audit.record(user, "accounts.user.deactivated", user=acting_user)
        changes.pop("is_active")
    if changes:
        audit.record(user, "accounts.user.role_changed", user=acting_user, data=changes)
    return user


def user_set_language(user: User, *, language: str) -> User:
    """Remember the language a person chose for pages and mails (one field, no audit: it is
    a preference the person changes themselves)."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
