from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "innonet.demo"
    verbose_name = _("Demo data")

    def ready(self) -> None:
        from innonet.core import announcements

        from .logins import demo_login_lines

        announcements.on_serve(demo_login_lines)
