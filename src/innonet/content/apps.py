from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "innonet.content"
    label = "content"
    verbose_name = _("News and knowledge")

    def ready(self) -> None:
        from innonet.core import choice_cache

        from . import (
            policies,  # noqa: F401 - registers the permission policies
            privacy,  # noqa: F401 - registers this app's part of personal-data exports
            retention,  # noqa: F401 - registers this app's retention rules
        )
        from .models import Tag
        from .newsletter import privacy as newsletter_privacy  # noqa: F401 - its part too

        choice_cache.register(Tag)  # drop-down rows kept between requests
