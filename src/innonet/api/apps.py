from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "innonet.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from . import (
            privacy,  # noqa: F401 - registers the stored API answers' part of personal data
            schema,  # noqa: F401 - registers the OpenAPI extension for token auth
        )
