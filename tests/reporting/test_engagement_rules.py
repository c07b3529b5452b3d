"""The rules of engagement without a database: periods, trend, drop, quiet, and the sparkline's
geometry."""

from datetime import date

import pytest

from innonet.reporting.engagement import rules
from innonet.reporting.engagement.sparkline import EMPTY_MARK, HEIGHT, MIN_BAR, sparkline


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 6, 15), 12, date(2025, 6, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 10), 3, date(2025, 10, 10)),
        (date(2026, 6, 15), 24, date(2024, 6, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert rules.months_before(day, months) == expected


def test_quarters_end_today_and_split_the_two_years():
    periods = rules.periods_ending(date(2026, 6, 15))
    spans = [(span.start, span.end) for span in periods.quarters]
    assert spans[0] == (date(2024, 6, 16), date(2024, 9, 15))
    assert spans[3] == (date(2025, 3, 16), date(2025, 6, 15))
    assert spans[4] == (date(2025, 6, 16), date(2025, 9, 15))
    assert spans[7] == (date(2026, 3, 16), date(2026, 6, 15))
    assert (periods.recent.start, periods.recent.end) == (date(2025, 6, 16), date(2026, 6, 15))
    assert (periods.previous.start, periods.previous.end) == (
        date(2024, 6, 16),
        date(2025, 6, 15),
    )
    assert periods.quarter_of(date(2025, 6, 15)) == 3
    assert periods.quarter_of(date(2025, 6, 16)) == 4
    assert periods.quarter_of(date(2024, 6, 15)) is None
    assert periods.quarter_of(date(2026, 6, 16)) is None


def test_quarters_leave_no_gap_at_month_ends():
    periods = rules.periods_ending(date(2026, 5, 31))
    for earlier, later in zip(periods.quarters, periods.quarters[1:], strict=False):
        assert (later.start - earlier.end).days == 1
    assert periods.quarters[-1].start == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("recent", "previous", "trend"),
    [
        (0, 0, "flat"),
        (1, 0, "up"),
        (0, 1, "down"),
        (5, 4, "flat"),  # exactly 5/4: not more
        (6, 4, "up"),
        (3, 4, "flat"),  # exactly 3/4: not less
        (2, 4, "down"),
        (4, 6, "down"),
    ],
)
def test_trend(recent, previous, trend):
    assert rules.trend(recent, previous) == trend


@pytest.mark.parametrize(
    ("recent", "previous", "drop"),
    [(0, 0, False), (0, 1, True), (1, 2, False), (1, 3, True), (2, 4, False), (5, 2, False)],
)
def test_clear_drop_is_less_than_half(recent, previous, drop):
    assert rules.is_clear_drop(recent, previous) is drop


def test_quiet_counts_from_the_cutoff_and_spares_new_members():
    cutoff = rules.quiet_cutoff(date(2026, 6, 15), 6)
    assert cutoff == date(2025, 12, 15)
    assert rules.is_quiet(None, date(2020, 1, 1), cutoff)
    assert rules.is_quiet(date(2025, 12, 15), date(2020, 1, 1), cutoff)
    assert not rules.is_quiet(date(2025, 12, 16), date(2020, 1, 1), cutoff)
    assert not rules.is_quiet(None, date(2026, 1, 1), cutoff)  # a member for five months


def test_sparkline_scales_to_the_largest_quarter_and_marks_empty_ones():
    chart = sparkline([0, 1, 2, 4, 0, 0, 3, 40])
    heights = [bar.height for bar in chart.bars]
    assert heights[-1] == HEIGHT
    assert heights[0] == EMPTY_MARK and heights[4] == EMPTY_MARK
    assert heights[1] == MIN_BAR  # 1 of 40 would be under a pixel
    assert all(bar.y + bar.height == HEIGHT for bar in chart.bars)
    assert [bar.recent for bar in chart.bars] == [False] * 4 + [True] * 4
    assert chart.bars[4].x - chart.bars[3].x > chart.bars[1].x - chart.bars[0].x
    assert chart.width == chart.bars[-1].x + chart.bars[-1].width
    assert sparkline([0] * 8).bars[0].height == EMPTY_MARK
