"""Horizontal bars for categories with long names (districts, RIS3 fields, organisations)."""

from collections.abc import Sequence
from dataclasses import dataclass

from . import palette
from .frame import EMPTY_HEIGHT, data_table, finish, target_label
from .marks import bar_paint, fill_defs, legend
from .model import Chart, Number, Series, Unit
from .scale import Scale, nice_scale
from .spec import FONT_SIZE, SMALL, Spec, make_spec
from .svg import element, label, text_node, text_width
from .vertical import WIDTH

NAME_SHARE = 0.36  # at most this share of the width for the category names


@dataclass(frozen=True)
class Rows:
    """The geometry: a row per category from `top`, bars along x from `left` to `right`."""

    top: float
    row: float
    thickness: float
    left: float
    right: float
    names: float  # the width for the category names
    scale: Scale
    count: int  # categories

    def x(self, value: float) -> float:
        return self.scale.position(value, self.left, self.right)

    def bar_y(self, category: int, series: int, count: int) -> float:
        stack = count * self.thickness + (count - 1) * 2
        return (
            self.top + self.row * category + (self.row - stack) / 2 + series * (self.thickness + 2)
        )

    @property
    def bottom(self) -> float:
        return self.top + self.row * self.count


def horizontal_bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    unit: Unit | None = None,
    target: Number | None = None,
    category_label: str = "",
    width: int = WIDTH,
    chart_id: str | None = None,
) -> Chart:
    """A row per category with its name on the left, cut with an ellipsis when long (the
    full name is the tooltip and stands in the table); several series lie one above the
    other in each row. The height follows the number of rows."""
    spec = make_spec(
        "horizontal",
        categories,
        series,
        title=title,
        description=description,
        unit=unit,
        target=target,
        category_label=category_label,
        width=width,
        chart_id=chart_id,
    )
    table = data_table(spec)
    if spec.empty:
        return finish(spec, EMPTY_HEIGHT, [], table)
    legend_markup, legend_height = legend(spec, 6.0)
    rows = _rows(spec, top=6 + legend_height + (22 if spec.target is not None else 8))
    parts = [fill_defs(spec), legend_markup, *_axis(spec, rows), *_names(spec, rows)]
    parts += [_bars(spec, rows, index) for index in range(len(spec.series))]
    if spec.target is not None:
        parts += _target(spec, rows, spec.target)
    return finish(spec, rows.bottom + 26, parts, table)


def _rows(spec: Spec, top: float) -> Rows:
    count = len(spec.series)
    thickness = 18.0 if count == 1 else 12.0
    values = spec.values()
    extent = values if spec.target is None else [*values, spec.target]
    names = min(max(text_width(c, FONT_SIZE) for c in spec.categories), spec.width * NAME_SHARE)
    widest_value = max(text_width(spec.unit.format(v), SMALL) for v in values)
    return Rows(
        top=top,
        row=max(count * thickness + (count - 1) * 2 + 12, 28.0),
        thickness=thickness,
        left=8 + names + 10,
        right=spec.width - 16 - widest_value,
        names=names,
        scale=nice_scale(min(extent), max(extent), integer=spec.unit.integer),
        count=len(spec.categories),
    )


def _axis(spec: Spec, rows: Rows) -> list[str]:
    """Vertical gridlines at the ticks, labelled under the rows."""
    places = rows.scale.decimals(spec.unit.scale)
    parts = []
    for tick in rows.scale.ticks:
        at = rows.x(tick)
        colour = palette.AXIS if tick == 0 else palette.GRID
        parts.append(element("line", x1=at, y1=rows.top - 4, x2=at, y2=rows.bottom, stroke=colour))
        parts.append(
            text_node(
                "text",
                spec.unit.format(tick, places),
                x=at,
                y=rows.bottom + 16,
                font_size=FONT_SIZE,
                text_anchor="middle",
                fill=palette.MUTED_TEXT,
            )
        )
    return parts


def _names(spec: Spec, rows: Rows) -> list[str]:
    return [
        label(
            category,
            rows.names,
            FONT_SIZE,
            x=rows.left - 10,
            y=rows.top + rows.row * index + rows.row / 2 + 4,
            text_anchor="end",
            fill=palette.TEXT,
        )
        for index, category in enumerate(spec.categories)
    ]


def _bars(spec: Spec, rows: Rows, index: int) -> str:
    """One series' bars with their values at the end; a missing value shows a dash, so that
    it does not read as zero."""
    paint, marks = bar_paint(spec, spec.looks[index]), []
    for category, value in enumerate(spec.numbers[index]):
        y = rows.bar_y(category, index, len(spec.series))
        text = {"y": y + rows.thickness / 2 + 4, "font_size": SMALL, "class_": "value"}
        if value is None:
            marks.append(text_node("text", "—", x=rows.x(0.0) + 4, fill=palette.MUTED_TEXT, **text))
            continue
        start, end = sorted((rows.x(0.0), rows.x(value)))
        shape = element(
            "rect", x=start, y=y, width=end - start, height=rows.thickness, class_="bar", **paint
        )
        marks.append(element("g", [text_node("title", spec.tooltip(index, category)), shape]))
        at, anchor = (end + 4, None) if value >= 0 else (start - 4, "end")
        shown = spec.unit.format(value)
        marks.append(text_node("text", shown, x=at, text_anchor=anchor, fill=palette.TEXT, **text))
    return element("g", marks, class_="series")


def _target(spec: Spec, rows: Rows, goal: float) -> list[str]:
    at = rows.x(goal)
    line = element(
        "line",
        x1=at,
        y1=rows.top - 6,
        x2=at,
        y2=rows.bottom,
        stroke=palette.TARGET,
        stroke_width=1.5,
        stroke_dasharray="5 4",
        class_="target",
    )
    anchor = "end" if at > spec.width * 0.7 else "middle"
    return [line, target_label(spec, goal, at, rows.top - 9, anchor)]
