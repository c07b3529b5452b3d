from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "innonet.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from . import policies  # noqa: F401 - registers the permission policies
