"""Indicators of the one-to-one meetings at the events' meeting marketplaces."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy

from innonet.meetings.models import NO_SHOWS, Meeting, Outcome

from .activity import ACTIVITY
from .facts import Facts, local_day
from .periods import Period
from .registry import indicator
from .results import Part, Record, Result

MEETINGS_SOURCE = gettext_lazy("Meeting plans of the events and the outcomes the office recorded")


@dataclass(frozen=True)
class MeetingFact:
    event: int
    day: date
    outcome: str
    introduction: bool


def _meetings(facts: Facts) -> list[MeetingFact]:
    """Recorded outcomes of meetings at the events in the facts' scope (one query)."""
    events = {event.pk for event in facts.events}
    rows = (
        Meeting.objects.exclude(outcome=Outcome.OPEN)
        .filter(marketplace__event_id__in=events)
        .order_by()
        .values_list("marketplace__event_id", "slot__starts_at", "outcome", "introduction_id")
    )
    return [
        MeetingFact(event, local_day(starts_at), outcome, introduction is not None)
        for event, starts_at, outcome, introduction in rows
        if local_day(starts_at) <= facts.as_of
    ]


@indicator(
    "meetings_held", ACTIVITY, gettext_lazy("One-to-one meetings held"),
    gettext_lazy(
        "Meetings of the events' meeting marketplaces in the period that the office recorded as "
        "held; beside them the meetings where a side did not come and the introductions opened "
        "from held meetings with a follow-up."
    ),
    MEETINGS_SOURCE, record_kind="event",
)  # fmt: skip
def meetings_held(facts: Facts, period: Period) -> Result:
    rows = [m for m in facts.memo("meetings", lambda: _meetings(facts)) if period.contains(m.day)]
    held = [m for m in rows if m.outcome == Outcome.HELD]
    no_shows = sum(1 for m in rows if m.outcome in NO_SHOWS)
    introductions = sum(1 for m in held if m.introduction)
    events = sorted({(m.event, m.day) for m in held})
    return Result(
        len(held),
        tuple(Record("event", event, day) for event, day in events),
        (
            Part("no_shows", str(gettext_lazy("meetings with a no-show")), no_shows),
            Part("introductions", str(gettext_lazy("introductions from meetings")), introductions),
        ),
    )
