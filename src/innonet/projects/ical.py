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
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.events.ical import CONTENT_TYPE, REFRESH, absolute, site_host

from .models import CallDeadline
from .tasks import REMINDER_OFFSETS

PRODID = "-//innonet//Foerderfristen//DE"
KEEP_PAST = timedelta(days=90)


def _clean(value: str) -> str:
    """TEXT values without control characters other than line break and tab."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or (ch >= " " and ch != "\x7f"))


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
    url = absolute(reverse("projects:call_detail", args=[call.pk]))
    component = icalendar.Event()
    component.add("uid", deadline_uid(deadline))
    component.add("dtstamp", stamp)
    component.add("dtstart", deadline.due_at.astimezone(zone))
    component.add("summary", _clean(f"{deadline.label}: {call.title}"))
    description = "\n\n".join(
        part for part in (call.programme.name, call.programme.funder, call.url, url) if part
    )
    component.add("description", _clean(description))
    component.add("url", url)
    component.add("transp", "TRANSPARENT")
    component.add("categories", [_("funding deadline")])
    for days in REMINDER_OFFSETS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _clean(f"{deadline.label}: {call.title}"))
        alarm.add("trigger", -timedelta(days=days))
        component.add_component(alarm)
    return component


def deadline_calendar(deadlines: Iterable[CallDeadline]) -> bytes:
    """A complete VCALENDAR of the given deadlines (bytes, CRLF line ends, folded)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Funding deadlines"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    first = last = None
    for deadline in deadlines:
        calendar.add_component(_component(deadline, zone=zone, stamp=stamp))
        first = min(first or deadline.due_at, deadline.due_at)
        last = max(last or deadline.due_at, deadline.due_at)
    if first is not None:
        calendar.add_missing_timezones(
            first_date=(first.astimezone(zone) - timedelta(days=1)).date(),
            last_date=(last.astimezone(zone) + timedelta(days=1)).date(),
        )
    return calendar.to_ical()


__all__ = ["CONTENT_TYPE", "deadline_calendar", "deadline_uid", "feed_deadlines"]
