"""iCalendar (RFC 5545) output: the public feed, one event, and a user's own registrations.

Each event keeps one UID (`event-<pk>@<site host>`) for its whole life, so calendar clients
update the entry in place when it changes; SEQUENCE grows with every change and a cancelled
event stays in the feed with STATUS:CANCELLED, so subscribers see it struck out instead of
silently vanishing. Times carry TZID with a VTIMEZONE built from the time zone database for
the span of the events, so clients show the local wall time also across daylight saving.
Text is plain: the Markdown description is rendered and stripped of its markup; icalendar
escapes commas, semicolons and line breaks and folds long lines (CRLF, at most 75 octets).
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import icalendar
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify

from innonet.core import audit, ical
from innonet.core.site import absolute_url, site_host
from innonet.core.text import render_markdown

from .models import CalendarFeedKey, Event, EventStatus, Registration, RegistrationStatus
from .models.calendar import new_feed_key

PRODID = "-//innonet//Veranstaltungen//DE"
# SEQUENCE is a 32-bit integer: seconds since this moment last until the 2090s.
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{site_host()}"


def event_sequence(event: Event) -> int:
    """Grows with every saved change of the event (its change time in seconds)."""
    return max(int((event.updated_at - _SEQUENCE_EPOCH).total_seconds()), 0)


class _TextExtractor(HTMLParser):
    """Sanitised HTML (from the Markdown renderer) to readable plain text."""

    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "pre", "table", "ul", "ol", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and self.parts[-1:] != [href]:
                self.parts.append(f" ({href})")

    def handle_data(self, data) -> None:
        if data.strip() or "\n" not in data:  # skip the line breaks between tags
            self.parts.append(data)

    def text(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"[ \t]+\n", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def markdown_to_text(source: str) -> str:
    parser = _TextExtractor()
    parser.feed(render_markdown(source))
    parser.close()
    return unescape(parser.text())


def _location(event: Event) -> str:
    if event.venue and event.online_url:
        return f"{event.venue} / {event.online_url}"
    return event.venue or event.online_url


def _description(event: Event, url: str) -> str:
    parts = [event.summary, markdown_to_text(event.description)]
    if event.speaker_list:
        parts.append(", ".join(event.speaker_list))
    if event.online_url:
        parts.append(event.online_url)
    if event.status == EventStatus.CANCELLED and event.cancellation_reason:
        parts.insert(0, event.cancellation_reason)
    parts.append(url)
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def event_component(event: Event, *, stamp: datetime, zone: ZoneInfo) -> icalendar.Event:
    url = absolute_url(reverse("events:event_detail", args=[event.pk]))
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    component.add("sequence", event_sequence(event))
    component.add("created", event.created_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", ical.text(event.title))
    component.add("description", ical.text(_description(event, url)))
    if location := _location(event):
        component.add("location", ical.text(location))
    component.add("url", url)
    cancelled = event.status == EventStatus.CANCELLED
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    component.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return component


def build_calendar(events: Iterable[Event], *, name: str, description: str = "") -> bytes:
    """A complete VCALENDAR for `events` (bytes, CRLF line ends, folded)."""
    local, now = ical.zone(), ical.stamp()
    calendar = ical.new_calendar(prodid=PRODID, name=name, description=description)
    moments = []
    for event in events:
        calendar.add_component(event_component(event, stamp=now, zone=local))
        moments += [event.starts_at, event.ends_at]
    return ical.finish(calendar, moments)


def filename_for(event: Event) -> str:
    slug = slugify(event.title)[:60].strip("-") or "veranstaltung"
    return f"{slug}.ics"


# The personal feed's address ----------------------------------------------------------------

FEED_SALT = "innonet.events.my_feed"


def _feed_key(user) -> CalendarFeedKey:
    key, _created = CalendarFeedKey.objects.get_or_create(user=user)
    return key


def feed_token(user) -> str:
    """The signed token of `user`'s personal feed address: names the user and the current key."""
    key = _feed_key(user)
    return signing.Signer(salt=FEED_SALT).sign(f"{user.pk}.{key.key}")


def user_for_feed_token(token: str):
    """The active user a feed token names, or None when it is tampered with or was reset."""
    try:
        value = signing.Signer(salt=FEED_SALT).unsign(token)
    except signing.BadSignature:
        return None
    user_pk, _sep, key = value.partition(".")
    if not user_pk.isdigit() or not key:
        return None
    found = (
        CalendarFeedKey.objects.select_related("user")
        .filter(user_id=int(user_pk), user__is_active=True)
        .first()
    )
    if found is None or not constant_time_compare(found.key, key):
        return None
    return found.user


@transaction.atomic
def feed_key_reset(user) -> CalendarFeedKey:
    """A new key: every address handed out before answers 404 from now on."""
    key = _feed_key(user)
    key.key = new_feed_key()
    key.save()
    audit.record(key, "events.calendar_feed.reset", user=user)
    return key


def registrations_of(user) -> QuerySet:
    """The user's active registrations: made with the account, or with its address (once that
    address confirmed them, so nobody can put events into someone else's calendar)."""
    by_address = Q(email=(user.email or "").strip().lower()) & ~Q(
        status=RegistrationStatus.UNCONFIRMED
    )
    return Registration.objects.active().filter(Q(user=user) | by_address)
