"""A participant's plan to take along: a PDF and an iCalendar file.

Times are the marketplace's local time (its time zone, Europe/Berlin unless the office chose
another). The calendar file names that zone (TZID with its VTIMEZONE), so a calendar in another
zone, as for an online meeting from abroad, shows each meeting at the right local hour."""

from datetime import UTC, datetime

import icalendar
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import ical
from innonet.core.site import absolute_url, site_host
from innonet.events.pdf import render_pdf

from . import queries
from .models import Participant

PRODID = "-//innonet//Treffen//DE"


def meeting_uid(meeting_id: int) -> str:
    return f"meeting-{meeting_id}@{site_host()}"


def plan_ics(participant: Participant) -> bytes:
    marketplace = participant.marketplace
    zone = queries.zone(marketplace)
    title = _("Meetings at %(event)s") % {"event": marketplace.event.title}
    calendar = ical.new_calendar(prodid=PRODID, name=title)
    calendar["x-wr-timezone"] = marketplace.time_zone
    stamp = ical.stamp()
    moments = []
    url = absolute_url(reverse("meetings:my_plan", kwargs={"pk": marketplace.event_id}))
    for row in queries.plan_of(participant):
        if row.meeting is None:
            continue
        meeting, slot = row.meeting, row.slot
        component = icalendar.Event()
        component.add("uid", meeting_uid(meeting.pk))
        component.add("dtstamp", stamp)
        component.add("sequence", max(int((meeting.updated_at - _EPOCH).total_seconds()), 0))
        component.add("dtstart", slot.starts_at.astimezone(zone))
        component.add("dtend", slot.ends_at.astimezone(zone))
        other = row.other
        summary = _("Meeting with %(name)s") % {"name": other.name}
        if other.organisation_name:
            summary += f" ({other.organisation_name})"
        component.add("summary", ical.text(summary))
        table = meeting.table
        location = table.link if table.is_online else f"{table.name}, {marketplace.event.venue}"
        component.add("location", ical.text(location.strip(", ")))
        description = "\n".join(
            part for part in (other.headline, table.link if table.is_online else "", url) if part
        )
        component.add("description", ical.text(description))
        if table.is_online:
            component.add("url", table.link)
        component.add("status", "CONFIRMED")
        calendar.add_component(component)
        moments += [slot.starts_at, slot.ends_at]
    if moments:
        calendar.add_missing_timezones(
            first_date=min(moments).astimezone(zone).date(),
            last_date=max(moments).astimezone(zone).date(),
        )
    return calendar.to_ical()


_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def plan_pdf(participant: Participant) -> bytes:
    marketplace = participant.marketplace
    with timezone.override(queries.zone(marketplace)):
        return render_pdf(
            "meetings/pdf/plan.html",
            {
                "marketplace": marketplace,
                "event": marketplace.event,
                "participant": participant,
                "rows": queries.plan_of(participant),
                "printed_at": timezone.now(),
            },
        )


def filename(participant: Participant, extension: str) -> str:
    return f"treffen-{participant.marketplace.event_id}-{participant.pk}.{extension}"
