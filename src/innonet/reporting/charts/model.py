"""What goes into a chart and what comes out: series, units, the chart and its data table."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.utils.formats import number_format
from django.utils.safestring import SafeString

Number = int | float | Decimal
Style = Literal["solid", "dashed", "dotted", "dashdot"]
MINUS = "\u2212"
NBSP = "\u00a0"


def format_number(value: Number, decimals: int = 0, *, signed: bool = False) -> str:
    """The value in the active language's format, always grouped: "1.234", "12,5" in German.

    Rounds half up in decimal (no "0.30000000000000004"); a minus is a real minus sign."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if exact == 0:
        exact = abs(exact)  # no "-0" after rounding
    text = number_format(exact, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    text = text.replace("-", MINUS)
    return f"+{text}" if signed and exact > 0 else text


@dataclass(frozen=True)
class Unit:
    """How the values read: decimals, a suffix such as " €", a scale (100 for shares shown as
    per cent). `integer` keeps axis ticks on whole numbers (counts)."""

    suffix: str = ""
    decimals: int = 0
    scale: int = 1
    integer: bool = False
    table_decimals: int | None = None

    def format(self, value: Number, decimals: int | None = None, *, signed: bool = False) -> str:
        """A value with the unit, e.g. 0.125 → "12,5 %" for PERCENT in German."""
        places = self.decimals if decimals is None else decimals
        return format_number(Decimal(str(value)) * self.scale, places, signed=signed) + self.suffix

    def format_cell(self, value: Number | None) -> str:
        """A value for the data table; a missing value is a dash."""
        if value is None:
            return "—"
        return self.format(value, self.table_decimals)


COUNT = Unit(integer=True)
DECIMAL = Unit(decimals=1)
EURO = Unit(suffix=f"{NBSP}€", table_decimals=2)
PERCENT = Unit(suffix=f"{NBSP}%", decimals=1, scale=100)
"""Shares given as fractions (0.125) and shown as per cent ("12,5 %")."""


@dataclass(frozen=True)
class Series:
    """One row of values, one per category; None is a gap (no bar, a break in the line).

    `style` is the line's dash pattern; bars use the same names for their fill (solid,
    hatched, dotted, cross-hatched). Without a style or colour, the series' position picks
    them, so that two series never look alike."""

    label: str
    values: Sequence[Number | None]
    style: Style | None = None
    colour: str | None = None

    def numbers(self) -> list[float | None]:
        """The values as floats; None, NaN and infinities are gaps."""
        result: list[float | None] = []
        for value in self.values:
            number = None if value is None else float(value)
            result.append(number if number is not None and math.isfinite(number) else None)
        return result


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class DataTable:
    """The chart's numbers as text: the table beside the chart, its caption and headers."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    footer: tuple[TableRow, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A finished chart: self-contained SVG markup, its numbers as a table, and whether there
    was anything to draw. Include it with reporting/_chart.html."""

    id: str
    kind: str
    title: str
    description: str
    svg: SafeString
    table: DataTable
    empty: bool
    width: int
    height: int
