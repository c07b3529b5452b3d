from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "innonet.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import policies  # noqa: F401 - registers the permission policies
