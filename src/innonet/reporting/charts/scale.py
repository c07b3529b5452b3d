"""Axis ticks in steps of 1, 2 or 5 times a power of ten, computed in decimal arithmetic so
that a tick is 0.3 and never 0.30000000000000004."""

import math
from dataclasses import dataclass
from decimal import Decimal

MAX_INTERVALS = 6


@dataclass(frozen=True)
class Scale:
    """A linear axis from ticks[0] to ticks[-1]; `decimals` is what the step needs to print."""

    ticks: tuple[float, ...]
    step: Decimal

    @property
    def low(self) -> float:
        return self.ticks[0]

    @property
    def high(self) -> float:
        return self.ticks[-1]

    def decimals(self, scale: int = 1) -> int:
        """Decimal places that show every tick exactly, for values multiplied by `scale`."""
        return max(0, -int((self.step * scale).normalize().as_tuple().exponent))

    def position(self, value: float, start: float, end: float) -> float:
        """Map a value onto the segment from start (low) to end (high)."""
        return start + (value - self.low) / (self.high - self.low) * (end - start)


def nice_scale(low: float, high: float, *, integer: bool = False) -> Scale:
    """Ticks covering low..high and zero, with at most MAX_INTERVALS steps of 1, 2 or 5 times 10^n;
    counts (`integer`) never get a step below 1."""
    low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        high = 1.0
    lo, hi = Decimal(repr(low)), Decimal(repr(high))
    exponent = math.floor(math.log10((high - low) / MAX_INTERVALS))
    while True:
        for mantissa in (1, 2, 5):
            step = Decimal(mantissa).scaleb(exponent)
            if integer and step < 1:
                continue
            first, last = math.floor(lo / step), math.ceil(hi / step)
            if last - first <= MAX_INTERVALS:
                return Scale(tuple(float(step * i) for i in range(first, last + 1)), step)
        exponent += 1
