from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "innonet.content"
    label = "content"
    verbose_name = _("News and knowledge")

    def ready(self) -> None:
        from . import (
            policies,  # noqa: F401 - registers the permission policies
            privacy,  # noqa: F401 - registers this app's part of personal-data exports
            retention,  # noqa: F401 - registers this app's retention rules
        )
        from .newsletter import privacy as newsletter_privacy  # noqa: F401 - its part too
