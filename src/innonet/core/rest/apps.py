from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RestConfig(AppConfig):
    """Labelled `api`: the label names the table, the migrations and the content type of the
    stored answers, which were made when this app was `innonet.api`."""

    name = "innonet.core.rest"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from . import (
            privacy,  # noqa: F401 - registers the stored API answers' part of personal data
            schema,  # noqa: F401 - registers the OpenAPI extension for token auth
        )
