"""Colours, dash patterns and fills of the charts.

The series colours are the Okabe-Ito colours that stay apart for the common kinds of colour
blindness and reach at least 3:1 against white (WCAG 1.4.11, graphical objects); every text
colour reaches 4.5:1 (1.4.3). Colour is never the only cue: lines differ by dash pattern and
marker, bars by fill pattern, and a legend names every series. tests/reporting/test_charts.py
computes the ratios.
"""

import re
from dataclasses import dataclass

WHITE = "#ffffff"
TEXT = "#212529"  # 15.4:1, Bootstrap's body text
MUTED_TEXT = "#495057"  # 8.2:1, tick and category labels
AXIS = "#6c757d"  # 4.7:1, the zero line
GRID = "#dee2e6"  # decorative gridlines, deliberately quiet
TARGET = "#212529"  # the target line and its label
EMPTY_FILL = "#f8f9fa"

# Okabe-Ito: blue, vermillion, bluish green, reddish purple; then a dark grey.
SERIES_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#4d4d4d")

STYLES = ("solid", "dashed", "dotted", "dashdot")


@dataclass(frozen=True)
class Look:
    """How one series is drawn: line dash, marker shape and bar fill follow its style."""

    colour: str
    style: str
    index: int

    @property
    def dasharray(self) -> str | None:
        return {"dashed": "7 4", "dotted": "2 3", "dashdot": "9 3 2 3"}.get(self.style)

    @property
    def marker(self) -> str:
        return ("circle", "square", "triangle", "diamond")[self.index % 4]


def look_for(index: int, *, colour: str | None, style: str | None) -> Look:
    """The look of the index-th series, with the caller's colour (#rrggbb) or style where
    given."""
    if colour is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    if style is not None and style not in STYLES:
        raise ValueError(f"not a style: {style!r}")
    return Look(
        colour=colour or SERIES_COLOURS[index % len(SERIES_COLOURS)],
        style=style or STYLES[index % len(STYLES)],
        index=index,
    )


def tint(colour: str, share: float) -> str:
    """The colour mixed with white: share 1 is the colour itself, 0 is white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - part) * share) for part in (red, green, blue))
    return "#" + "".join(f"{part:02x}" for part in mixed)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
