"""Spans of time read the same everywhere and never as "09:00-09:00" (attack run, 11)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from innonet.core.dates import DASH, format_span, format_time_span

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_a_day_names_the_date_once():
    assert format_span(at(1, 9), at(1, 17)) == f"Montag, 1. März 2027, 09:00{DASH}17:00"


def test_a_span_over_midnight_names_both_days():
    text = format_span(at(1, 9), at(2, 9))
    assert text == f"Montag, 1. März 2027, 09:00 {DASH} Dienstag, 2. März 2027, 09:00"
    assert format_time_span(at(1, 22), at(2, 2)) == f"22:00 {DASH} 02.03.2027, 02:00"


def test_days_are_local_days_not_utc_days():
    # 00:30 in Berlin is still the previous day in UTC; both ends are on 2 March locally.
    assert format_time_span(at(2, 0, 30), at(2, 8)) == f"00:30{DASH}08:00"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2027, 3, 3, 9, 5, tzinfo=UTC),
        datetime(2027, 12, 31, 23, 30, tzinfo=UTC),  # the next day and year in Berlin
        datetime(2026, 7, 1, 0, 0, tzinfo=UTC),
    ],
)
def test_short_dates_written_through_strftime_read_as_django_writes_them(moment):
    """The quick way (strftime) writes exactly what Django's formats write, in German; English
    keeps Django's way, since its month names are translated."""
    from django.utils import formats, timezone, translation

    from innonet.core.dates import short_date, short_moment

    local = timezone.localtime(moment)
    with translation.override("de"):
        assert short_date(moment) == formats.date_format(local, "SHORT_DATE_FORMAT")
        assert short_moment(moment) == formats.date_format(local, "SHORT_DATETIME_FORMAT")
    with translation.override("en"):
        assert short_date(moment) == formats.date_format(local, "j M Y")


def test_formats_with_names_or_escapes_are_left_to_django():
    from innonet.core.dates import _as_strftime

    assert _as_strftime("d.m.Y H:i") == "%d.%m.%Y %H:%M"
    assert _as_strftime("j. F Y") is None  # a day without its zero, a month's name
    assert _as_strftime(r"d \d\e m") is None
    assert _as_strftime("d% m") == "%d%% %m"
