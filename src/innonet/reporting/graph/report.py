"""The graph of one period and scope with everything the page and the exports show.

Loading the ties takes a fixed number of queries; the layout and betweenness are the costly
part, so they are kept in the cache under a digest of the ties themselves (pairs and weights):
any change to the data gives another key, and an unchanged graph is never laid out twice.
"""

import hashlib
from dataclasses import dataclass

import networkx as nx
import numpy as np
from django.core.cache import cache

from . import analysis
from .layout import Positions, backbone, layout
from .ties import NetworkData, Period, load_network

__all__ = ["GraphReport", "graph_report"]

CACHE_SECONDS = 24 * 60 * 60
CACHE_VERSION = 1  # raise when the layout or betweenness is computed differently


@dataclass
class GraphReport:
    """The graph of a period and scope with its layout and what the page lists."""

    data: NetworkData
    graph: nx.Graph
    drawn: nx.Graph  # the ties the picture shows
    betweenness: dict[int, float]
    positions: Positions
    central: list[analysis.CentralPartner]
    bridges: list[analysis.Bridge]
    cross_share: float | None  # of all ties' weight
    white_spots: list[analysis.WhiteSpot]


def _digest(data: NetworkData) -> str:
    """A fingerprint of the ties (pairs and weights, in their fixed order)."""
    pairs = np.array(list(data.ties), dtype=np.int64)
    weights = np.round([tie.weight for tie in data.ties.values()], 6)
    digest = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    digest.update(pairs.tobytes())
    digest.update(np.asarray(weights, dtype=float).tobytes())
    return digest.hexdigest()


def _structure(
    data: NetworkData, graph: nx.Graph, drawn: nx.Graph
) -> tuple[Positions, dict[int, float]]:
    """Layout (of the drawn ties) and betweenness (of all), from the cache when this very
    graph was seen before."""
    key = f"reporting:graph:{_digest(data)}"
    found = cache.get(key)
    if found is not None:
        return found
    computed = (layout(drawn), analysis.betweenness(graph))
    cache.set(key, computed, timeout=CACHE_SECONDS)
    return computed


def graph_report(period: Period, *, network_id: int | None = None) -> GraphReport:
    """Ties, graph, layout and analysis of the period and scope."""
    data = load_network(period, network_id=network_id)
    graph = analysis.build_graph(data)
    drawn = backbone(graph)
    sectors = analysis.sectors(graph)
    positions, brokerage = _structure(data, graph, drawn)
    return GraphReport(
        data=data,
        graph=graph,
        drawn=drawn,
        betweenness=brokerage,
        positions=positions,
        central=analysis.central_partners(graph, brokerage),
        bridges=analysis.bridges(graph, sectors),
        cross_share=analysis.cross_share(sectors),
        white_spots=analysis.white_spots(data, graph),
    )
