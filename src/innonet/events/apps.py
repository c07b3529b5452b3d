from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "innonet.events"
    verbose_name = _("Formats and events")

    def ready(self) -> None:
        from . import (
            policies,  # noqa: F401 - registers the permission policies
            privacy,  # noqa: F401 - registers this app's part of personal-data exports
            retention,  # noqa: F401 - registers this app's retention rules
        )
