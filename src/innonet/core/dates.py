"""How a span of time reads, the same in pages, mails and PDFs.

An event from nine to five reads "Monday, 3 March 2027, 09:00" DASH "17:00"; one that runs
over midnight or several days names the end date too, never the misleading "09:00" DASH
"09:00". Times are shown in the site's time zone and the active language.
"""

import functools
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import get_language

DASH = "\u2013"  # the en dash of German and English typesetting


def _day(moment: datetime) -> str:
    return f"{formats.date_format(moment, 'l')}, {formats.date_format(moment, 'DATE_FORMAT')}"


def format_span(start: datetime, end: datetime | None) -> str:
    """`start` to `end` in local time: the end date is repeated only when it differs."""
    start = timezone.localtime(start)
    begins = f"{_day(start)}, {formats.time_format(start, 'TIME_FORMAT')}"
    if end is None:
        return begins
    end = timezone.localtime(end)
    ends = formats.time_format(end, "TIME_FORMAT")
    if end.date() == start.date():
        return f"{begins}{DASH}{ends}"
    return f"{begins} {DASH} {_day(end)}, {ends}"


def format_time_span(start: datetime, end: datetime) -> str:
    """The times only, for lines that show the day already; the end's short date is added
    when it falls on another day."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    begins, ends = (formats.time_format(moment, "TIME_FORMAT") for moment in (start, end))
    if end.date() == start.date():
        return f"{begins}{DASH}{ends}"
    return f"{begins} {DASH} {formats.date_format(end, 'SHORT_DATE_FORMAT')}, {ends}"


def _english() -> bool:
    return (get_language() or "de").startswith("en")


# Django's format letters that strftime writes alike (digits only, no names to translate).
_STRFTIME = {"d": "%d", "m": "%m", "Y": "%Y", "y": "%y", "H": "%H", "i": "%M"}


@functools.lru_cache(maxsize=16)
def _as_strftime(django_format: str) -> str | None:
    """`django_format` as a strftime pattern, or None when it has a letter strftime would write
    differently (a month's name, a day without its leading zero)."""
    pattern = []
    for char in django_format:
        if char.isalpha():
            if char not in _STRFTIME:
                return None
            pattern.append(_STRFTIME[char])
        elif char == "\\":
            return None
        else:
            pattern.append(char.replace("%", "%%"))
    return "".join(pattern)


def _format(value: date | datetime, format_name: str) -> str:
    """Django's `date_format`, through strftime where that writes the same (a list of fifty
    rows formats fifty dates: a tenth of the time)."""
    django_format = formats.get_format(format_name)
    pattern = _as_strftime(django_format)
    return value.strftime(pattern) if pattern else formats.date_format(value, django_format)


def short_date(value: date | datetime) -> str:
    """A date in a line of text: "03.03.2027" in German, "3 Mar 2027" in English (never the
    American 03/03/2027, which a European reader takes for day/month)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return (
        formats.date_format(value, "j M Y") if _english() else _format(value, "SHORT_DATE_FORMAT")
    )


def short_moment(value: datetime) -> str:
    """A date and time in a line of text: "03.03.2027 14:00" or "3 Mar 2027, 14:00"."""
    value = timezone.localtime(value)
    return f"{short_date(value)}{',' if _english() else ''} {value.strftime('%H:%M')}"


# For values built once and read in several languages (a subject's values before the mail's
# language is active, a newsletter's items shared by its readers): formatted when shown.
short_date_lazy = lazy(short_date, str)
short_moment_lazy = lazy(short_moment, str)


FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_plausible_year(value: datetime | None) -> datetime | None:
    """Dates the platform records lie in this century: year 3 or 9999 is a typo, and such a
    date has no UTC offset that RFC 3339 can write (Berlin's local mean time before 1893 is
    +00:53:28). A validator for forms and serializers alike."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Please enter a date between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return value
