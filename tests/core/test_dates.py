"""Spans of time read the same everywhere and never as "09:00-09:00" (attack run, 11)."""

from datetime import datetime
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
