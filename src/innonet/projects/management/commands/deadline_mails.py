"""`innonet deadline_mails`: send the deadline reminders that are due now.

The worker sends them on time by itself (deferred tasks planned when a call is saved); this
command catches up after the worker was down, and is safe to run from cron: each reminder goes
to each person once."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.projects.queries import upcoming_deadlines
from innonet.projects.tasks import REMINDER_OFFSETS, due_offset, send_deadline_reminders


class Command(BaseCommand):
    help = "Send the reminders of call deadlines within the next two weeks that are still due."

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        planned = 0
        for deadline in upcoming_deadlines(limit=None, within_days=max(REMINDER_OFFSETS)):
            days = due_offset(deadline.due_at, now)
            if days is None:
                continue
            planned += send_deadline_reminders.call(
                call_id=deadline.call_id,
                due_at=deadline.due_at.isoformat(),
                days_before=days,
            )
        self.stdout.write(
            _("%(count)d deadline reminders queued for sending.") % {"count": planned}
        )
