from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "innonet.matching"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from . import policies, signals  # noqa: F401 - registers policies and index updates
