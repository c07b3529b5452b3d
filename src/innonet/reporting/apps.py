from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "innonet.reporting"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # The organisation page (partners) shows the engagement panel through core.panels:
        # partners may not import reporting, so reporting registers it here.
        from innonet.core import panels

        from .engagement.views import PANEL_ROLES, panel_context

        panels.register(
            "partners.organisation",
            template_name="reporting/engagement_panel.html",
            context=panel_context,
            roles=PANEL_ROLES,
        )
        from . import policies  # noqa: F401 - registers the permission policy of issued reports
