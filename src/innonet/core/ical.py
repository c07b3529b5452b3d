"""iCalendar (RFC 5545) set-up shared by every feed: the calendar's head, the time zones of its
span, text values that can never break a content line, and the HTTP answer.

Stored text may hold anything an older version accepted (line breaks in a title, control
characters): `one_line` and `text` make every value safe, so a feed never fails on its data.
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Subscribed clients may ask again after this long (Outlook, Apple and Google honour it).
REFRESH = timedelta(hours=1)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def text(value: str | None) -> str:
    """A TEXT value: line breaks normalised to LF (icalendar escapes them), tabs kept, every
    other control character and lone surrogate dropped."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


def one_line(value: str | None) -> str:
    """A value that icalendar writes unescaped (the X-WR- names): all white space, line breaks
    included, becomes single spaces."""
    return " ".join(text(value).split())


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def stamp() -> datetime:
    """DTSTAMP of this answer: now, in UTC, to the second."""
    return timezone.now().astimezone(UTC).replace(microsecond=0)


def new_calendar(*, prodid: str, name: str, description: str = "") -> icalendar.Calendar:
    """An empty VCALENDAR for subscribing, with its name and refresh interval."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    if description:
        calendar.add("x-wr-caldesc", one_line(description))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    return calendar


def finish(calendar: icalendar.Calendar, moments: Iterable[datetime]) -> bytes:
    """Add a VTIMEZONE for the span of `moments` (exact offsets, a few lines long) and
    serialise: bytes, CRLF line ends, folded lines."""
    moments = list(moments)
    if moments:
        local = zone()
        calendar.add_missing_timezones(
            first_date=(min(moments).astimezone(local) - timedelta(days=1)).date(),
            last_date=(max(moments).astimezone(local) + timedelta(days=1)).date(),
        )
    return calendar.to_ical()


def response(body: bytes, *, filename: str | None = None) -> HttpResponse:
    """The calendar as text/calendar; with `filename` a download, else for subscribing."""
    answer = HttpResponse(body, content_type=CONTENT_TYPE)
    if filename:
        answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    answer["Cache-Control"] = "private, max-age=300"
    answer["X-Content-Type-Options"] = "nosniff"
    return answer
