"""Reporting periods: a span of whole days, its label and the span just before it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext as _

from innonet.core.errors import DomainError

MAX_DAYS = 366 * 12  # the longest period a page or report may ask for


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DomainError(_("The period ends before it starts."), field="end")
        if (self.end - self.start).days > MAX_DAYS:
            raise DomainError(_("A period may span at most twelve years."), field="end")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def previous(self) -> Period:
        """The span before this one: the previous year for a calendar year, the same number of
        months for whole months, else the same number of days."""
        if self.is_whole_months():
            months = self.months()
            start = _add_months(self.start, -months)
            return Period(start, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def is_whole_months(self) -> bool:
        return self.start.day == 1 and (self.end + timedelta(days=1)).day == 1

    def months(self) -> int:
        after = self.end + timedelta(days=1)
        return (after.year - self.start.year) * 12 + after.month - self.start.month

    def buckets(self) -> list[Period]:
        """The period cut into years (longer than two years), quarters (longer than six months)
        or months, for figures over time; the first and last bucket are cut to the period."""
        if self.days > 2 * 366:
            size = 12
        elif self.days > 190:
            size = 3
        else:
            size = 1
        cuts = []
        cursor = date(self.start.year, 1, 1) if size == 12 else self.start.replace(day=1)
        if size == 3:
            cursor = cursor.replace(month=(cursor.month - 1) // 3 * 3 + 1)
        while cursor <= self.end:
            following = _add_months(cursor, size)
            start = max(cursor, self.start)
            end = min(following - timedelta(days=1), self.end)
            cuts.append(Period(start, end))
            cursor = following
        return cuts

    @property
    def label(self) -> str:
        if self.is_whole_months():
            months = self.months()
            if months == 12 and self.start.month == 1:
                return str(self.start.year)
            if months == 3 and self.start.month % 3 == 1:
                return _("Q%(quarter)s %(year)s") % {
                    "quarter": (self.start.month - 1) // 3 + 1,
                    "year": self.start.year,
                }
            if months == 1:
                return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        first = formats.date_format(self.start, "SHORT_DATE_FORMAT")
        last = formats.date_format(self.end, "SHORT_DATE_FORMAT")
        return f"{first}\u2013{last}"

    def as_query(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_from_query(query: Mapping[str, str], *, today: date) -> Period:
    """The period a page's `start`/`end` (ISO dates) or `year` name; the current year so far
    when none is given. Bad input raises DomainError with the field it concerns."""
    year = (query.get("year") or "").strip()
    if year:
        if not year.isdigit() or not 1990 <= int(year) <= 2100:
            raise DomainError(_("Enter a year between 1990 and 2100."), field="year")
        return Period.year(int(year))
    start_text = (query.get("start") or "").strip()
    end_text = (query.get("end") or "").strip()
    if not start_text and not end_text:
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    start = _parse(start_text, "start") if start_text else date(today.year, 1, 1)
    end = _parse(end_text, "end") if end_text else date(start.year, 12, 31)
    return Period(start, end)


def _parse(text: str, field: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise DomainError(_("Enter a date as YYYY-MM-DD."), field=field) from None
    if not 1990 <= day.year <= 2100:
        raise DomainError(_("Enter a date between 1990 and 2100."), field=field)
    return day
