"""How series look: bar fills (colour or pattern), line markers, and the legend."""

from . import palette
from .palette import Look
from .spec import FONT_SIZE, Spec
from .svg import element, fit, points, text_node, text_width

LEGEND_ROW = 20.0
SWATCH = 30.0  # a legend entry's sample and the gap to its name


def fill_defs(spec: Spec) -> str:
    """<defs> with a fill pattern for each series whose style is not solid: hatched (dashed),
    dotted, cross-hatched (dashdot), on a pale ground of the series' colour."""
    patterns = []
    for look in spec.looks:
        marks = _pattern_marks(look)
        if not marks:
            continue
        ground = element("rect", width=8.0, height=8.0, fill=palette.tint(look.colour, 0.22))
        patterns.append(
            element(
                "pattern",
                [ground, *marks],
                id=fill_id(spec, look),
                patternUnits="userSpaceOnUse",
                width=8.0,
                height=8.0,
                patternTransform=None if look.style == "dotted" else "rotate(45)",
            )
        )
    return element("defs", patterns) if patterns else ""


def _pattern_marks(look: Look) -> list[str]:
    if look.style == "dashed":
        return [element("rect", width=3.5, height=8.0, fill=look.colour)]
    if look.style == "dotted":
        return [element("circle", cx=4.0, cy=4.0, r=1.8, fill=look.colour)]
    if look.style == "dashdot":
        return [
            element("rect", width=2.0, height=8.0, fill=look.colour),
            element("rect", width=8.0, height=2.0, fill=look.colour),
        ]
    return []


def fill_id(spec: Spec, look: Look) -> str:
    return f"{spec.id}-fill-{look.index}"


def bar_paint(spec: Spec, look: Look) -> dict[str, object]:
    """Fill and outline of a bar: the colour, or its pattern outlined in the colour."""
    if look.style == "solid":
        return {"fill": look.colour}
    return {"fill": f"url(#{fill_id(spec, look)})", "stroke": look.colour, "stroke_width": 1.2}


def marker(look: Look, x: float, y: float, tooltip: str | None = None) -> str:
    """A point of a line: circle, square, triangle or diamond by the series' position, with a
    white rim so that it stands out where lines cross."""
    paint = {"fill": look.colour, "stroke": palette.WHITE, "stroke_width": 1.2}
    if look.marker == "circle":
        shape = element("circle", cx=x, cy=y, r=4.0, **paint)
    elif look.marker == "square":
        shape = element("rect", x=x - 4, y=y - 4, width=8.0, height=8.0, **paint)
    elif look.marker == "triangle":
        corners = [(x, y - 5), (x + 4.5, y + 3.5), (x - 4.5, y + 3.5)]
        shape = element("polygon", points=points(corners), **paint)
    else:
        corners = [(x, y - 4.5), (x + 4.5, y), (x, y + 4.5), (x - 4.5, y)]
        shape = element("polygon", points=points(corners), **paint)
    if tooltip is None:
        return shape
    return element("g", [text_node("title", tooltip), shape])


def swatch(spec: Spec, look: Look, x: float, y: float) -> str:
    """The legend's sample of a series: a stretch of its line with a marker, or a small bar."""
    if spec.kind != "line":
        return element("rect", x=x + 4, y=y - 7, width=16.0, height=14.0, **bar_paint(spec, look))
    line = element(
        "line",
        x1=x,
        y1=y,
        x2=x + 24,
        y2=y,
        stroke=look.colour,
        stroke_width=2.5,
        stroke_dasharray=look.dasharray,
    )
    return line + marker(look, x + 12, y)


def legend(spec: Spec, top: float) -> tuple[str, float]:
    """The legend at the top, wrapped into rows; its markup and height. A single series has
    none: the chart's title names it."""
    if len(spec.series) < 2:
        return "", 0.0
    parts, x, y = [], 8.0, top + LEGEND_ROW / 2
    for one, look in zip(spec.series, spec.looks, strict=True):
        name = fit(one.label, spec.width * 0.4, FONT_SIZE)
        needed = SWATCH + text_width(name, FONT_SIZE) + 18
        if x > 8 and x + needed > spec.width - 8:
            x, y = 8.0, y + LEGEND_ROW
        text = text_node(
            "text", name, x=x + SWATCH, y=y + 4, font_size=FONT_SIZE, fill=palette.TEXT
        )
        if name != one.label:  # cut: the full name as a tooltip
            text = element("g", [text_node("title", one.label), text])
        parts += [swatch(spec, look, x, y), text]
        x += needed
    return element("g", parts, class_="legend"), y + LEGEND_ROW / 2 - top
