from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "innonet.projects"
    verbose_name = _("Innovation projects")

    def ready(self) -> None:
        from innonet.core import choice_cache

        from . import (
            policies,  # noqa: F401 - registers the permission policies
            privacy,  # noqa: F401 - registers this app's part of personal-data exports
            retention,  # noqa: F401 - registers this app's retention rules
            signals,  # noqa: F401 - feeds earlier cooperation and next steps to matching
        )
        from .models import FundingCall, FundingProgramme

        for model in (FundingCall, FundingProgramme):
            choice_cache.register(model)  # drop-down rows kept between requests
