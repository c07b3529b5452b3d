"""The graph as an SVG picture: organisations as circles (area by the strength of their ties,
colour by kind or RIS3 field), ties as lines (width by weight), the central partners numbered
by their rank in the page's table.

Written as one string with every name escaped, because a template loop over thousands of
circles would cost more than the layout. Only presentation attributes, no style attributes
(the content security policy allows no inline styles). The picture is role="img" with a
title and a description; the page's tables are its text alternative. The lines are the ties
of layout.backbone(); circle sizes count every tie.
"""

import math
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from django.utils.html import escape
from django.utils.translation import gettext

from .layout import Positions

__all__ = ["NAMED", "UNASSIGNED", "Drawing", "LegendEntry", "colours_for", "draw"]

WIDTH, HEIGHT, MARGIN = 1000, 680, 24
NAMED = 10  # central partners numbered in the picture, as in the table
UNASSIGNED = "#b8b8b8"
KIND_COLOURS = {
    "sme": "#1f5f8b",
    "large": "#5fa2ce",
    "startup": "#17a3b8",
    "university": "#c8102e",
    "research": "#f28e2b",
    "education": "#b6992d",
    "public": "#7a5195",
    "association": "#3a8d3f",
    "other": "#7f7f7f",
}
FIELD_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#c9a800",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
    "#8c564b",
    "#1f2f6b",
)
# Lower bound of a weight class, the line's width and opacity.
TIE_CLASSES = ((0.0, 0.6, 0.25), (0.5, 1.1, 0.35), (2.0, 2.0, 0.45), (4.0, 3.4, 0.55))
LOWER_BOUNDS = [low for low, _width, _opacity in TIE_CLASSES]


@dataclass(frozen=True)
class LegendEntry:
    """One colour of the legend, what it stands for and how many circles have it."""

    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class Drawing:
    """The SVG and how many of all ties it draws."""

    svg: str
    drawn_ties: int
    all_ties: int


def colours_for(
    graph: nx.Graph, *, by: str, kind_labels: dict[str, str], ris3_fields: dict[int, str]
) -> tuple[dict[int, str], list[LegendEntry]]:
    """A colour per organisation and the legend; by RIS3 field an organisation with several
    fields takes the colour of the first in the vocabulary's order."""
    counts: defaultdict[str, int] = defaultdict(int)
    colours = {}
    if by == "ris3":
        palette = {
            pk: FIELD_PALETTE[number % len(FIELD_PALETTE)] for number, pk in enumerate(ris3_fields)
        }
        for pk, attributes in graph.nodes(data=True):
            first = attributes["ris3"][0] if attributes["ris3"] else None
            colours[pk] = palette.get(first, UNASSIGNED)
            counts[str(first)] += 1
        legend = [
            LegendEntry(name, palette[pk], counts[str(pk)])
            for pk, name in ris3_fields.items()
            if counts[str(pk)]
        ]
        if counts["None"]:
            legend.append(LegendEntry(gettext("no RIS3 field"), UNASSIGNED, counts["None"]))
    else:
        for pk, attributes in graph.nodes(data=True):
            colours[pk] = KIND_COLOURS.get(attributes["kind"], UNASSIGNED)
            counts[attributes["kind"]] += 1
        legend = [
            LegendEntry(label, KIND_COLOURS.get(kind, UNASSIGNED), counts[kind])
            for kind, label in kind_labels.items()
            if counts[kind]
        ]
    return colours, legend


def _xy(point: tuple[float, float]) -> tuple[float, float]:
    return (
        MARGIN + point[0] * (WIDTH - 2 * MARGIN),
        MARGIN + point[1] * (HEIGHT - 2 * MARGIN),
    )


def _tie_paths(drawn: nx.Graph, places: dict[int, tuple[float, float]]) -> list[str]:
    """One path per weight class."""
    segments: list[list[str]] = [[] for _cls in TIE_CLASSES]
    for first, second, weight in drawn.edges(data="weight"):
        number = bisect_right(LOWER_BOUNDS, weight) - 1
        (x1, y1), (x2, y2) = places[first], places[second]
        segments[number].append(f"M{x1:.1f} {y1:.1f}L{x2:.1f} {y2:.1f}")
    return [
        f'<path d="{"".join(parts)}" fill="none" stroke="#5b6770" '
        f'stroke-width="{width}" stroke-opacity="{opacity}" stroke-linecap="round"/>'
        for parts, (_low, width, opacity) in zip(segments, TIE_CLASSES, strict=True)
        if parts
    ]


def _numbers(named: list[int], places, radius) -> list[str]:
    """The rank of each central partner beside its circle, as in the table below."""
    marks = []
    for rank, pk in enumerate(named, start=1):
        if pk not in places:
            continue
        x, y = places[pk]
        x, y = x + radius[pk] * 0.75, y - radius[pk] * 0.75
        marks.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="#1b1f23" stroke="#ffffff" '
            f'stroke-width="1.5"/><text x="{x:.1f}" y="{y + 3.5:.1f}" text-anchor="middle" '
            f'font-size="10" font-weight="700" fill="#ffffff">{rank}</text>'
        )
    return marks


def draw(
    graph: nx.Graph,
    drawn: nx.Graph,
    positions: Positions,
    colours: dict[int, str],
    *,
    title: str,
    description: str,
    named: list[int],
) -> Drawing:
    """The SVG document: the organisations of `graph`, sized by the strength of all their ties,
    and the
    ties of `drawn` (the backbone) between them."""
    places = {pk: _xy(point) for pk, point in positions.items()}
    strengths = dict(graph.degree(weight="weight"))
    most = max(strengths.values(), default=1.0) or 1.0
    # Smaller circles the more there are: 13 px at most for a hundred, 5 px for thousands.
    largest = min(13.0, max(5.0, 130 / math.sqrt(len(strengths) or 1)))
    radius = {
        pk: largest * (0.25 + 0.75 * math.sqrt(strength / most))
        for pk, strength in strengths.items()
    }
    ties = _tie_paths(drawn, places)
    circles = []
    for pk in sorted(graph.nodes, key=lambda pk: (radius[pk], pk)):
        x, y = places[pk]
        circles.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[pk]:.1f}" fill="{colours[pk]}" '
            f'stroke="#ffffff" stroke-width="0.8"><title>{escape(graph.nodes[pk]["name"])}</title>'
            "</circle>"
        )
    svg = "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            'role="img" aria-labelledby="graph-title graph-desc" class="network-graph">',
            f'<title id="graph-title">{escape(title)}</title>',
            f'<desc id="graph-desc">{escape(description)}</desc>',
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
            '<g class="ties">',
            *ties,
            '</g><g class="organisations">',
            *circles,
            '</g><g class="names">',
            *_numbers(named, places, radius),
            "</g></svg>",
        ]
    )
    return Drawing(svg=svg, drawn_ties=drawn.number_of_edges(), all_ties=graph.number_of_edges())
