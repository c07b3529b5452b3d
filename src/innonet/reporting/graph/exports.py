"""The graph as GraphML (for Gephi, yEd, Cytoscape or networkx) and its ties as CSV.

Organisations only: ids, names, kinds, districts and RIS3 fields; no person is named. The CSV
is written by core.exports (semicolons, byte-order mark, formula-like cells escaped).
"""

import io

import networkx as nx
from django.utils.translation import gettext as _

from innonet.core.exports import write_csv

from .ties import NetworkData

__all__ = ["edge_rows", "graphml_bytes", "ties_csv"]


def graphml_bytes(graph: nx.Graph, data: NetworkData, kind_labels: dict[str, str]) -> bytes:
    """Nodes with name, kind, district and RIS3 fields; edges with weight, the counts of
    events, introductions and projects, and the first and last day seen."""
    export = nx.Graph()
    for pk in sorted(graph.nodes):
        node = data.organisations[pk]
        export.add_node(
            pk,
            name=node.name,
            kind=str(kind_labels.get(node.kind, node.kind)),
            district=node.district,
            ris3_fields="; ".join(data.ris3_fields[f] for f in node.ris3),
        )
    for first, second, weight, tie in edge_rows(graph, data):
        export.add_edge(
            first,
            second,
            weight=weight,
            events=tie.events,
            introductions=tie.introductions,
            projects=tie.projects,
            first=tie.first.isoformat() if tie.first else "",
            last=tie.last.isoformat() if tie.last else "",
        )
    buffer = io.BytesIO()
    nx.write_graphml(export, buffer, encoding="utf-8", prettyprint=False)
    return buffer.getvalue()


def edge_rows(graph: nx.Graph, data: NetworkData):
    """(smaller id, larger id, rounded weight, tie) per tie, strongest first."""
    rows = [
        (first, second, round(tie.weight, 4), tie)
        for (first, second), tie in data.ties.items()
        if first in graph and second in graph
    ]
    rows.sort(key=lambda row: (-row[2], row[0], row[1]))
    return rows


def ties_csv(graph: nx.Graph, data: NetworkData) -> bytes:
    """One row per tie: both organisations, weight, counts, first and last day."""
    names = data.organisations
    header = [
        _("source id"),
        _("source"),
        _("target id"),
        _("target"),
        _("weight"),
        _("events"),
        _("introductions"),
        _("projects"),
        _("first"),
        _("last"),
    ]
    rows = (
        [first, names[first].name, second, names[second].name, weight, tie.events,
         tie.introductions, tie.projects, tie.first, tie.last]
        for first, second, weight, tie in edge_rows(graph, data)
    )  # fmt: skip
    content, _count = write_csv(header, rows)
    return content
