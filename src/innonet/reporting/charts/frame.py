"""What every chart shares around its marks: the <svg> root named by <title> and <desc>,
the empty state, the data table, and the finished `Chart`."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from . import palette
from .model import Chart, DataTable, TableRow
from .spec import FONT_SIZE, Spec
from .svg import FONT, element, num, text_node, text_width

EMPTY_HEIGHT = 140.0


def svg_root(spec: Spec, height: float, body: Sequence[str]) -> SafeString:
    """The <svg>: a viewBox to scale in a page, a fixed size for the PDF, role="img" named by
    its <title> and described by its <desc>, on a white ground."""
    markup = element(
        "svg",
        [
            text_node("title", spec.title, id=f"{spec.id}-title"),
            text_node("desc", describe(spec), id=f"{spec.id}-desc"),
            element("rect", width=float(spec.width), height=height, fill=palette.WHITE),
            *body,
        ],
        xmlns="http://www.w3.org/2000/svg",
        id=spec.id,
        class_="chart-svg",
        viewBox=f"0 0 {spec.width} {num(height)}",
        width=str(spec.width),
        height=num(height),
        role="img",
        aria_labelledby=f"{spec.id}-title {spec.id}-desc",
        font_family=FONT,
    )
    return mark_safe(markup)  # noqa: S308  # nosec B308 B703 - svg.py escapes all text


def empty_body(spec: Spec, height: float) -> list[str]:
    """The picture when there is nothing to draw: a quiet box that says so."""
    box = element(
        "rect",
        x=1.0,
        y=1.0,
        width=spec.width - 2.0,
        height=height - 2,
        rx=6.0,
        fill=palette.EMPTY_FILL,
        stroke=palette.GRID,
    )
    message = text_node(
        "text",
        gettext("No data in this period"),
        x=spec.width / 2,
        y=height / 2 + 5,
        font_size=14.0,
        text_anchor="middle",
        fill=palette.MUTED_TEXT,
    )
    return [box, message]


def kind_name(kind: str) -> str:
    names = {
        "line": gettext("Line chart"),
        "bar": gettext("Bar chart"),
        "stacked": gettext("Stacked bar chart"),
        "horizontal": gettext("Horizontal bar chart"),
    }
    return names[kind]


def describe(spec: Spec) -> str:
    """The <desc>: the caller's description, then what kind of chart shows what."""
    parts = [spec.description] if spec.description else []
    if spec.empty:
        return " ".join([*parts, gettext("No data in this period") + "."])
    kind = kind_name(spec.kind)
    if spec.kind == "horizontal" or len(spec.categories) == 1:
        parts.append(f"{kind}.")
    else:
        first, last = spec.categories[0], spec.categories[-1]
        parts.append(
            gettext("%(kind)s from %(first)s to %(last)s.")
            % {"kind": kind, "first": first, "last": last}
        )
    if len(spec.series) > 1:
        names = ", ".join(one.label for one in spec.series)
        parts.append(gettext("Series: %(names)s.") % {"names": names})
    if spec.target is not None:
        parts.append(target_text(spec, spec.target) + ".")
    parts.append(gettext("The numbers are in the table with the chart."))
    return " ".join(parts)


def target_text(spec: Spec, goal: float) -> str:
    return gettext("Target: %(value)s") % {"value": spec.unit.format(goal)}


def target_label(spec: Spec, goal: float, x: float, y: float, anchor: str) -> str:
    """The target's label ("Target: 120") on a white ground, so gridlines do not cross it."""
    text = target_text(spec, goal)
    wide = text_width(text, FONT_SIZE)
    left = {"end": x - wide, "middle": x - wide / 2}.get(anchor, x)
    ground = element("rect", x=left - 3, y=y - 12, width=wide + 6, height=16.0, fill=palette.WHITE)
    label = text_node(
        "text",
        text,
        x=x,
        y=y,
        font_size=FONT_SIZE,
        font_weight="600",
        fill=palette.TARGET,
        text_anchor=None if anchor == "start" else anchor,
    )
    return element("g", [ground, label], class_="target-label")


def data_table(spec: Spec, *, totals: bool = False, distance: bool = False) -> DataTable:
    """The chart's numbers as text: a row per category, a column per series (and the total
    of stacked bars). A target adds a footer row, and for series over time (`distance`) the
    distance of each series' latest value from it."""
    unit, header = spec.unit, [spec.category_label, *(one.label for one in spec.series)]
    if totals:
        header.append(gettext("Total"))
    rows = []
    for index, category in enumerate(spec.categories):
        values = [spec.exact(series, index) for series in range(len(spec.series))]
        cells = [unit.format_cell(v) for v in values]
        if totals:
            present = [v for v in values if v is not None]
            cells.append(unit.format_cell(sum(present) if present else None))
        rows.append(TableRow(category, tuple(cells)))
    footer = []
    if spec.target is not None:
        goal = unit.format_cell(spec.target)
        # Stacked bars meet the target with their total, other charts with each series.
        goals = (*[""] * len(spec.series), goal) if totals else (goal,) * len(spec.series)
        footer.append(TableRow(gettext("Target"), goals))
        if distance:
            label = gettext("Distance to target (latest value)")
            footer.append(TableRow(label, _distances(spec, spec.target)))
    return DataTable(spec.title, tuple(header), tuple(rows), tuple(footer))


def _distances(spec: Spec, target: float) -> tuple[str, ...]:
    """Each series' latest value minus the target, signed: minus 12 is 12 short of it."""
    cells = []
    for series in range(len(spec.series)):
        values = (spec.exact(series, c) for c in reversed(range(len(spec.categories))))
        latest = next((v for v in values if v is not None), None)
        gap = None if latest is None else Decimal(str(latest)) - Decimal(str(target))
        cells.append("—" if gap is None else spec.unit.format(gap, signed=True))
    return tuple(cells)


def finish(spec: Spec, height: float, body: Sequence[str], table: DataTable) -> Chart:
    """The chart: its SVG, or the empty state when there is nothing to draw, and its table."""
    if spec.empty:
        height = min(height, EMPTY_HEIGHT)
        body = empty_body(spec, height)
    return Chart(
        id=spec.id,
        kind=spec.kind,
        title=spec.title,
        description=spec.description,
        svg=svg_root(spec, height, body),
        table=table,
        empty=spec.empty,
        width=spec.width,
        height=round(height),
    )
