"""`innonet event_mails`: send reminders that are due now (events starting within a day).

The worker sends reminders on time by itself (they are deferred tasks planned at publishing);
this command catches up after the worker was down, and is safe to run from cron: each
participant is reminded once."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.events.models import Event, EventStatus
from innonet.events.tasks import REMINDER_BEFORE, send_event_reminders


class Command(BaseCommand):
    help = "Send the reminders of events that start within the next day."

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        due = Event.objects.filter(
            status=EventStatus.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + REMINDER_BEFORE + timedelta(minutes=1),
        )
        sent = 0
        for event in due:
            sent += send_event_reminders.call(
                event_id=event.pk, starts_at=event.starts_at.isoformat()
            )
        self.stdout.write(_("%(count)d reminders sent.") % {"count": sent})
