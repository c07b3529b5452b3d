"""The deadlines of funding calls as an iCalendar (RFC 5545) feed.

Only calls and their deadlines go into the feed: they are reference information every signed-in
user reads. Projects never appear in it, so no confidential project can leak through a calendar.
A deadline keeps its UID (call and label) when its date moves, so subscribed clients update
the entry in place; each entry carries alarms two weeks and one week before. Calendar clients
do not sign in: they use the personal feed address the events calendar hands out, whose key the
user can reset there.
"""

import hashlib
from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import ical
from innonet.core.site import absolute_url, site_host

from .models import CallDeadline
from .tasks import REMINDER_OFFSETS

PRODID = "-//innonet//Foerderfristen//DE"
KEEP_PAST = timedelta(days=90)


def deadline_uid(deadline: CallDeadline) -> str:
    label = hashlib.sha256(deadline.label.strip().casefold().encode()).hexdigest()[:12]
    return f"call-{deadline.call_id}-deadline-{label}@{site_host()}"


def feed_deadlines() -> Iterable[CallDeadline]:
    """Deadlines of active calls from three months ago on, soonest first."""
    since = timezone.now() - KEEP_PAST
    return (
        CallDeadline.objects.filter(
            due_at__gte=since, call__is_active=True, call__programme__is_active=True
        )
        .select_related("call__programme")
        .order_by("due_at", "pk")
    )


def _component(deadline: CallDeadline, *, zone: ZoneInfo, stamp) -> icalendar.Event:
    call = deadline.call
    url = absolute_url(reverse("projects:call_detail", args=[call.pk]))
    component = icalendar.Event()
    component.add("uid", deadline_uid(deadline))
    component.add("dtstamp", stamp)
    component.add("dtstart", deadline.due_at.astimezone(zone))
    component.add("summary", ical.text(f"{deadline.label}: {call.title}"))
    description = "\n\n".join(
        part for part in (call.programme.name, call.programme.funder, call.url, url) if part
    )
    component.add("description", ical.text(description))
    component.add("url", url)
    component.add("transp", "TRANSPARENT")
    component.add("categories", [_("funding deadline")])
    for days in REMINDER_OFFSETS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ical.text(f"{deadline.label}: {call.title}"))
        alarm.add("trigger", -timedelta(days=days))
        component.add_component(alarm)
    return component


def deadline_calendar(deadlines: Iterable[CallDeadline]) -> bytes:
    """A complete VCALENDAR of the given deadlines (bytes, CRLF line ends, folded)."""
    local, now = ical.zone(), ical.stamp()
    calendar = ical.new_calendar(prodid=PRODID, name=_("Funding deadlines"))
    moments = []
    for deadline in deadlines:
        calendar.add_component(_component(deadline, zone=local, stamp=now))
        moments.append(deadline.due_at)
    return ical.finish(calendar, moments)


__all__ = ["deadline_calendar", "deadline_uid", "feed_deadlines"]
