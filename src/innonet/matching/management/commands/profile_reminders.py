"""`innonet profile_reminders`: mail the people behind cooperation profiles that expire within
two weeks. Run it daily from cron; each profile is reminded once per validity period."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from innonet.matching.services.profile_reminders import profile_reminders_send


class Command(BaseCommand):
    help = "Remind the creators and contact people of cooperation profiles that expire soon."

    def handle(self, *args, **options) -> None:
        sent = profile_reminders_send()
        self.stdout.write(_("%(count)d profile reminders sent.") % {"count": sent})
