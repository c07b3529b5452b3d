from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innonet.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import (
            policies,  # noqa: F401 - registers the permission policies
            privacy,  # noqa: F401 - registers the accounts' part of personal-data exports
            retention,  # noqa: F401 - registers this app's retention rules
            signals,  # noqa: F401 - connects the audit receivers for logins
        )
