"""The frame of charts over categories on the x axis: the plot area below the legend, the
value axis with its gridlines, the category names, and the target line with its label."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext

from . import palette
from .marks import legend
from .scale import Scale, nice_scale
from .spec import FONT_SIZE, MIN_HEIGHT, SMALL, Spec
from .svg import element, label, text_node, text_width

TOP_ROOM = 18.0  # above the plot: the top tick's label and the values over the highest bars
BOTTOM_ROOM = 30.0  # below the plot: the category names


@dataclass(frozen=True)
class Plot:
    """The plot area in SVG units, its value scale, and one band per category."""

    left: float
    top: float
    right: float
    bottom: float
    scale: Scale
    count: int

    @property
    def band(self) -> float:
        return (self.right - self.left) / self.count

    def centre(self, index: int) -> float:
        return self.left + self.band * (index + 0.5)

    def y(self, value: float) -> float:
        return self.scale.position(value, self.bottom, self.top)


def layout(spec: Spec, height: int, low: float, high: float) -> tuple[Plot, list[str]]:
    """The plot area for values from low to high (and the target), with the legend, the value
    axis and the category names drawn around it."""
    if height < MIN_HEIGHT:
        raise ValueError(f"a chart needs a height of at least {MIN_HEIGHT}")
    legend_markup, legend_height = legend(spec, 6.0)
    extent = [low, high] if spec.target is None else [low, high, spec.target]
    scale = nice_scale(min(extent), max(extent), integer=spec.unit.integer)
    places = scale.decimals(spec.unit.scale)
    tick_labels = [spec.unit.format(tick, places) for tick in scale.ticks]
    left = 14 + max(text_width(text, FONT_SIZE) for text in tick_labels)
    right = spec.width - 12.0 - target_margin(spec)
    top = 6 + legend_height + TOP_ROOM
    plot = Plot(left, top, right, height - BOTTOM_ROOM, scale, len(spec.categories))
    parts = [legend_markup]
    for tick, text in zip(scale.ticks, tick_labels, strict=True):
        y = plot.y(tick)
        colour = palette.AXIS if tick == 0 else palette.GRID
        parts.append(element("line", x1=left, y1=y, x2=plot.right, y2=y, stroke=colour))
        parts.append(
            text_node(
                "text",
                text,
                x=left - 6,
                y=y + 4,
                font_size=FONT_SIZE,
                text_anchor="end",
                fill=palette.MUTED_TEXT,
            )
        )
    parts.append(category_labels(spec, plot))
    return plot, parts


def category_labels(spec: Spec, plot: Plot) -> str:
    """The category names under the plot; when they do not fit, every k-th, and only when
    that leaves too few, cut to fit."""
    widest = max(text_width(c, FONT_SIZE) for c in spec.categories) + 6
    every = math.ceil(widest / plot.band)
    if plot.count / every < 3:  # too few would be left: cut them, but not below seven letters
        every = math.ceil((text_width("x" * 7, FONT_SIZE) + 6) / plot.band)
    names = [
        label(
            spec.categories[index],
            every * plot.band - 4,
            FONT_SIZE,
            x=plot.centre(index),
            y=plot.bottom + 18,
            text_anchor="middle",
            fill=palette.MUTED_TEXT,
        )
        for index in range(0, plot.count, every)
    ]
    return element("g", names, class_="categories")


def _target_texts(spec: Spec, goal: float) -> tuple[str, str]:
    return gettext("Target"), spec.unit.format(goal)


def target_margin(spec: Spec) -> float:
    """Room right of the plot for the target's label, so that it never covers a mark."""
    if spec.target is None:
        return 0.0
    return 8 + max(text_width(text, FONT_SIZE) for text in _target_texts(spec, spec.target))


def target_line(spec: Spec, plot: Plot) -> list[str]:
    """The dashed target line across the plot, with "Target" above and the value below its
    right end."""
    if spec.target is None:
        return []
    y, x = plot.y(spec.target), plot.right + 6
    name, value = _target_texts(spec, spec.target)
    paint = {"font_size": FONT_SIZE, "fill": palette.TARGET}
    line = element(
        "line",
        x1=plot.left,
        y1=y,
        x2=plot.right + 2,
        y2=y,
        stroke=palette.TARGET,
        stroke_width=1.5,
        stroke_dasharray="5 4",
        class_="target",
    )
    texts = [
        text_node("text", name, x=x, y=y - 3, font_weight="600", **paint),
        text_node("text", value, x=x, y=y + 12, **paint),
    ]
    return [line, element("g", texts, class_="target-label")]


def value_label(spec: Spec, x: float, y: float, value: float) -> str:
    """A value written over (or under) its bar."""
    return text_node(
        "text",
        spec.unit.format(value),
        x=x,
        y=y,
        font_size=SMALL,
        text_anchor="middle",
        fill=palette.TEXT,
        class_="value",
    )
