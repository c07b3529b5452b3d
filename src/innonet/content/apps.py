from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "innonet.content"
    label = "content"
    verbose_name = _("News and knowledge")

    def ready(self) -> None:
        from . import (  # noqa: F401 - registers the newsletter's part of personal-data exports
            newsletter_privacy,
        )
