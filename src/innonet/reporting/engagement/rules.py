"""What engagement means, as pure rules on dates and counts (no database).

Contract:
- Periods end today. The "last 12 months" run from the day after the same date a year ago up to
  and including today; the "previous 12 months" are the year before that. The eight quarters of
  the sparkline are three-month periods cut the same way, oldest first, so the last four add
  up to the last 12 months and the first four to the previous 12.
- Trend: "up" when the last 12 months have more than 5/4 of the previous 12, "down" when they
  have less than 3/4 of them, "flat" otherwise (also when both are zero).
- A clear drop: some activity in the previous 12 months and less than half of it in the last 12.
- Quiet: no activity for `months` months, counted from the cut-off `months` before today
  (activity on the cut-off day itself is that long ago); a membership younger than that is not
  quiet yet.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

QUARTERS = 8
MONTHS_PER_QUARTER = 3
DEFAULT_QUIET_MONTHS = 6
MAX_QUIET_MONTHS = 24


class Trend:
    UP = "up"
    FLAT = "flat"
    DOWN = "down"


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier; the 31st falls back to the month's end."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Span:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Periods:
    """The quarters (oldest first) and the two 12-month periods that end on `today`."""

    today: date
    quarters: tuple[Span, ...]

    @property
    def start(self) -> date:
        return self.quarters[0].start

    @property
    def recent(self) -> Span:
        return Span(self.quarters[QUARTERS // 2].start, self.today)

    @property
    def previous(self) -> Span:
        return Span(self.start, self.quarters[QUARTERS // 2 - 1].end)

    def quarter_of(self, day: date) -> int | None:
        """The index of the quarter holding `day`, None outside the two years."""
        if not self.start <= day <= self.today:
            return None
        for index in range(QUARTERS - 1, -1, -1):
            if day >= self.quarters[index].start:
                return index
        return None  # not reached: day >= start


def periods_ending(today: date) -> Periods:
    """The eight three-month periods that end today."""
    quarters = []
    for index in range(QUARTERS):
        ends_months_ago = (QUARTERS - 1 - index) * MONTHS_PER_QUARTER
        end = months_before(today, ends_months_ago)
        start = months_before(today, ends_months_ago + MONTHS_PER_QUARTER) + timedelta(days=1)
        quarters.append(Span(start, end))
    return Periods(today, tuple(quarters))


def trend(recent: int, previous: int) -> str:
    """Up, flat or down: the last 12 months against the 12 before (see the contract)."""
    if 4 * recent > 5 * previous:
        return Trend.UP
    if 4 * recent < 3 * previous:
        return Trend.DOWN
    return Trend.FLAT


def is_clear_drop(recent: int, previous: int) -> bool:
    """Activity in the previous 12 months, and less than half of it in the last 12."""
    return previous > 0 and 2 * recent < previous


def quiet_cutoff(today: date, months: int) -> date:
    return months_before(today, months)


def is_quiet(last_activity: date | None, member_since: date | None, cutoff: date) -> bool:
    """No activity after `cutoff`, for a member that has been one since the cut-off at least."""
    if member_since is not None and member_since > cutoff:
        return False
    return last_activity is None or last_activity <= cutoff
