"""A small bar chart of activities per quarter, as coordinates for a server-rendered SVG.

The bars are scaled to the largest quarter; an empty quarter keeps a thin mark on the base line
so the eight places stay visible. A wider gap separates the previous 12 months from the last 12.
"""

from dataclasses import dataclass

BAR_WIDTH = 10
GAP = 3
HALF_GAP = 9  # between the previous and the last 12 months
HEIGHT = 28
EMPTY_MARK = 2  # an empty quarter: a grey mark on the base line
MIN_BAR = 3  # a quarter with little activity still shows as a bar


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    value: int
    recent: bool


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    bars: tuple[Bar, ...]


def sparkline(values: list[int]) -> Sparkline:
    """Bars for `values` (oldest first); the second half are the recent ones."""
    largest = max(values, default=0)
    half = len(values) // 2
    bars = []
    x = 0
    for index, value in enumerate(values):
        if index == half and index:
            x += HALF_GAP - GAP
        height = round(HEIGHT * value / largest) if largest and value else 0
        height = max(height, MIN_BAR if value else EMPTY_MARK)
        bars.append(Bar(x, HEIGHT - height, BAR_WIDTH, height, value, index >= half))
        x += BAR_WIDTH + GAP
    return Sparkline(max(x - GAP, 0), HEIGHT, tuple(bars))
