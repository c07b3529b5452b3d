"""Audit entries for sign-ins, sign-outs, failed sign-ins and second-factor changes."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from innonet.core import audit


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    audit.record(user, "accounts.login", user=user)


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
