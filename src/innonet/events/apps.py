from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "innonet.events"
    verbose_name = _("Formats and events")

    def ready(self) -> None:
        from innonet.core import choice_cache

        from . import (
            policies,  # noqa: F401 - registers the permission policies
            privacy,  # noqa: F401 - registers this app's part of personal-data exports
            retention,  # noqa: F401 - registers this app's retention rules
        )
        from .models import Format

        choice_cache.register(Format)  # drop-down rows kept between requests
