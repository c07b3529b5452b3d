"""Charts over categories on the x axis, usually periods: lines, grouped bars, stacked bars."""

from collections.abc import Sequence

from . import palette
from .axes import Plot, layout, target_line, value_label
from .frame import data_table, finish
from .marks import bar_paint, fill_defs, marker
from .model import Chart, Number, Series, Unit
from .spec import SMALL, Spec, make_spec
from .svg import element, num, text_node, text_width

WIDTH, HEIGHT = 640, 320
MAX_BAR = 56.0


def line_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    unit: Unit | None = None,
    target: Number | None = None,
    category_label: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
    chart_id: str | None = None,
) -> Chart:
    """Series over periods as lines with markers; a missing value breaks the line. The table
    ends with the target and each series' distance to it."""
    spec = make_spec(
        "line",
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
    table = data_table(spec, distance=True)
    if spec.empty:
        return finish(spec, height, [], table)
    plot, parts = layout(spec, height, min(spec.values()), max(spec.values()))
    parts += target_line(spec, plot)
    parts += [_line(spec, plot, index) for index in range(len(spec.series))]
    return finish(spec, height, parts, table)


def _line(spec: Spec, plot: Plot, index: int) -> str:
    look, path, pen = spec.looks[index], [], "M"
    points = []
    for category, value in enumerate(spec.numbers[index]):
        if value is None:
            pen = "M"
            continue
        x, y = plot.centre(category), plot.y(value)
        path.append(f"{pen}{num(x)} {num(y)}")
        points.append(marker(look, x, y, spec.tooltip(index, category)))
        pen = "L"
    line = element(
        "path",
        d=" ".join(path),
        fill="none",
        stroke=look.colour,
        stroke_width=2.5,
        stroke_dasharray=look.dasharray,
        stroke_linejoin="round",
        stroke_linecap="round",
    )
    return element("g", [line, *points], class_="series")


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    unit: Unit | None = None,
    target: Number | None = None,
    category_label: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
    chart_id: str | None = None,
) -> Chart:
    """Vertical bars per category, the series side by side (this period beside the last),
    with the values over the bars where they fit."""
    spec = make_spec(
        "bar",
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
    table = data_table(spec, distance=True)
    if spec.empty:
        return finish(spec, height, [], table)
    plot, parts = layout(spec, height, min(spec.values()), max(spec.values()))
    parts += [_bars(spec, plot, index) for index in range(len(spec.series))]
    parts += target_line(spec, plot)
    return finish(spec, height, [fill_defs(spec), *parts], table)


def _bars(spec: Spec, plot: Plot, index: int) -> str:
    count = len(spec.series)
    gap = 2.0 if count > 1 else 0.0
    bar = min((plot.band * 0.72 - gap * (count - 1)) / count, MAX_BAR)
    group = bar * count + gap * (count - 1)
    room = bar + gap + 2 if count > 1 else plot.band - 6  # one series: a label may overhang
    labelled = all(text_width(spec.unit.format(v), SMALL) <= room for v in spec.values())
    zero, marks = plot.y(0.0), []
    for category, value in enumerate(spec.numbers[index]):
        if value is None:
            continue
        x = plot.centre(category) - group / 2 + index * (bar + gap)
        top, bottom = sorted((plot.y(value), zero))
        paint = bar_paint(spec, spec.looks[index])
        shape = element("rect", x=x, y=top, width=bar, height=bottom - top, class_="bar", **paint)
        marks.append(element("g", [text_node("title", spec.tooltip(index, category)), shape]))
        if labelled:
            y = top - 4 if value >= 0 else bottom + 12
            marks.append(value_label(spec, x + bar / 2, y, value))
    return element("g", marks, class_="series")


def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    unit: Unit | None = None,
    target: Number | None = None,
    category_label: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
    chart_id: str | None = None,
) -> Chart:
    """One bar per category made of the series stacked in order from the bottom, with its
    total on top (micro, small, medium and large enterprises per year). The table adds the
    total; a target is met by the total."""
    spec = make_spec(
        "stacked",
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
    table = data_table(spec, totals=True)
    if spec.empty:
        return finish(spec, height, [], table)
    columns = range(len(spec.categories))
    ups = [sum(max(row[c] or 0.0, 0.0) for row in spec.numbers) for c in columns]
    downs = [sum(min(row[c] or 0.0, 0.0) for row in spec.numbers) for c in columns]
    plot, parts = layout(spec, height, min(downs), max(ups))
    parts += _stacks(spec, plot)
    if all(text_width(spec.unit.format(total), SMALL) <= plot.band - 4 for total in ups):
        parts += [
            value_label(spec, plot.centre(c), plot.y(total) - 4, total)
            for c, total in enumerate(ups)
            if total
        ]
    parts += target_line(spec, plot)
    return finish(spec, height, [fill_defs(spec), *parts], table)


def _stacks(spec: Spec, plot: Plot) -> list[str]:
    """The segments, series by series; positive values stack up from zero, negative down."""
    bar = min(plot.band * 0.6, 64.0)
    above, below = [0.0] * plot.count, [0.0] * plot.count
    groups = []
    for index, look in enumerate(spec.looks):
        paint = {**bar_paint(spec, look), "stroke": palette.WHITE, "stroke_width": 1.0}
        marks = []
        for category, value in enumerate(spec.numbers[index]):
            if not value:
                continue
            base = above if value > 0 else below
            start, base[category] = base[category], base[category] + value
            top, bottom = sorted((plot.y(start), plot.y(base[category])))
            x = plot.centre(category) - bar / 2
            shape = element(
                "rect", x=x, y=top, width=bar, height=bottom - top, class_="bar", **paint
            )
            tooltip = text_node("title", spec.tooltip(index, category))
            marks.append(element("g", [tooltip, shape]))
        groups.append(element("g", marks, class_="series"))
    return groups
