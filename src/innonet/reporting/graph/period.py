"""The period a graph covers: light, so that the filter form loads without the graph's
numeric libraries."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as local instants: the start of `start`, the start of the day after
        `end`."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )
