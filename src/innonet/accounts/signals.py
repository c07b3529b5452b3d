"""Audit entries for sign-ins, sign-outs, failed sign-ins and second-factor changes; API tokens
end with the password they were made under."""

from allauth.account.signals import password_changed, password_reset, password_set
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.translation import ngettext

from innonet.core import audit
from innonet.core.middleware import SESSION_LANGUAGE_KEY

from .services import api_tokens_revoke_all


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    audit.record(user, "accounts.login", user=user)


@receiver(user_logged_in)
def use_the_accounts_language(sender, request, user, **kwargs) -> None:
    """After sign-in the pages speak the language the person chose last time."""
    if request is not None and hasattr(request, "session") and user.language:
        request.session[SESSION_LANGUAGE_KEY] = user.language


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(user, "accounts.logout", user=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    login = credentials.get("email") or credentials.get("username") or ""
    audit.record(None, "accounts.login.failed", data={"login": audit.mask_email(str(login))})


@receiver(authenticator_added)
def second_factor_added(sender, request, user, authenticator, **kwargs) -> None:
    audit.record(user, "accounts.mfa.added", user=user, data={"type": authenticator.type})


@receiver(authenticator_removed)
def second_factor_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit.record(user, "accounts.mfa.removed", user=user, data={"type": authenticator.type})


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def revoke_tokens_with_the_old_password(sender, request, user, **kwargs) -> None:
    """A new password ends every API token (RELIABILITY 43), as it ends the other sessions;
    the page says how many, so the user knows to make new ones for their scripts."""
    revoked = api_tokens_revoke_all(user, reason="password", acting_user=user)
    if revoked and request is not None:
        messages.warning(
            request,
            ngettext(
                "Your API token was revoked with the old password; create a new one if a "
                "script needs it.",
                "Your %(count)d API tokens were revoked with the old password; create new ones "
                "if scripts need them.",
                revoked,
            )
            % {"count": revoked},
        )
