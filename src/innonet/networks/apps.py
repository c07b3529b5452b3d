from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "innonet.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from innonet.core import choice_cache

        from . import policies  # noqa: F401 - registers the permission policies
        from .models import Network

        choice_cache.register(Network)  # drop-down rows kept between requests
