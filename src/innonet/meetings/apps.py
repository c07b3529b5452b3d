from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "innonet.meetings"
    verbose_name = _("One-to-one meetings")

    def ready(self) -> None:
        from . import policies  # noqa: F401 - registers the permission policies
