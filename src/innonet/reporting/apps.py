from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "innonet.reporting"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import policies  # noqa: F401 - registers the permission policy of issued reports
