"""Positions for the drawing, computed on the server with a fixed seed: the same graph always
looks the same.

Up to `SPRING_UP_TO` organisations, networkx's spring layout (Fruchterman-Reingold). Its cost
grows with the square of the organisations (0.2 s for 250, 12 s for 1,800 here), so larger
graphs use the same forces with the repulsion estimated from `REPULSION_SAMPLES` organisations
drawn afresh in every step: each step costs in proportion to organisations and ties, and 2,000
organisations take a fraction of a second. Strong ties pull harder (the square root of their
weight, so a project does not collapse its partners into one point); a weak pull to the centre
keeps separate groups in the picture.
"""

import math

import networkx as nx
import numpy as np

__all__ = ["DRAWN_PER_ORGANISATION", "MAX_DRAWN_TIES", "SPRING_UP_TO", "backbone", "layout"]

SPRING_UP_TO = 250
REPULSION_SAMPLES = 32
STEPS = 160
SEED = 14
OUTLIERS = 1  # per cent on each side
CENTRE_PULL = 0.03  # weak: a strong pull squeezed groups into one even disc

DRAWN_PER_ORGANISATION = 3
STRONG_TIE = 2.0  # an introduction or a project
MAX_DRAWN_TIES = 6000

Positions = dict[int, tuple[float, float]]


def backbone(graph: nx.Graph) -> nx.Graph:
    """The ties the picture shows and the layout follows: every organisation's
    `DRAWN_PER_ORGANISATION` strongest ties and every tie of `STRONG_TIE` or more, at most
    `MAX_DRAWN_TIES` (the strongest). Shared events tie everyone at a big meeting to everyone
    else, and a picture of all those lines is a grey disc; the tables count every tie."""
    ranked = sorted(graph.edges(data="weight"), key=lambda edge: -edge[2])  # stable
    seen: dict[int, int] = dict.fromkeys(graph.nodes, 0)  # ties of each met so far
    chosen = []
    for first, second, weight in ranked:
        if (
            weight >= STRONG_TIE
            or seen[first] < DRAWN_PER_ORGANISATION
            or seen[second] < DRAWN_PER_ORGANISATION
        ):
            chosen.append((first, second, weight))
        seen[first] += 1
        seen[second] += 1
    drawn = nx.Graph()
    drawn.add_nodes_from(graph.nodes(data=True))
    drawn.add_weighted_edges_from(chosen[:MAX_DRAWN_TIES])
    return drawn


def layout(graph: nx.Graph) -> Positions:
    """Positions in the unit square [0, 1] x [0, 1] for every node."""
    count = graph.number_of_nodes()
    if count == 0:
        return {}
    if count == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    nodes = sorted(graph.nodes)
    if count <= SPRING_UP_TO:
        strength = nx.Graph()
        strength.add_nodes_from(nodes)
        strength.add_weighted_edges_from(
            (a, b, math.sqrt(d["weight"])) for a, b, d in graph.edges(data=True)
        )
        raw = nx.spring_layout(strength, seed=SEED, weight="weight", iterations=80)
        points = np.array([raw[pk] for pk in nodes], dtype=float)
    else:
        points = _sampled_forces(graph, nodes)
    return dict(zip(nodes, map(tuple, _unit_square(points)), strict=True))


def _unit_square(points: np.ndarray) -> np.ndarray:
    """Scale into [0, 1] x [0, 1], keeping the aspect ratio. The outermost one per cent on
    each side (an organisation with a single weak tie, far out) is pulled onto the edge rather
    than shrinking everyone else into the middle."""
    low, high = (
        np.percentile(points, OUTLIERS, axis=0),
        np.percentile(points, 100 - OUTLIERS, axis=0),
    )
    span = float((high - low).max()) or 1.0
    scaled = np.clip((points - low) / span, 0, 1)
    return scaled + (1 - scaled.max(axis=0)) / 2


def _sampled_forces(graph: nx.Graph, nodes: list[int]) -> np.ndarray:
    """Fruchterman-Reingold with sampled repulsion and a pull to the centre (see above).
    x and y are kept apart so that every sum runs along contiguous memory."""
    count = len(nodes)
    index = {pk: number for number, pk in enumerate(nodes)}
    edges = np.array(
        [(index[a], index[b], math.sqrt(d["weight"])) for a, b, d in graph.edges(data=True)],
        dtype=float,
    ).reshape(-1, 3)
    sources, targets = edges[:, 0].astype(np.intp), edges[:, 1].astype(np.intp)
    pull = edges[:, 2] / (edges[:, 2].mean() if len(edges) else 1.0)
    rng = np.random.default_rng(SEED)
    x, y = rng.random(count) - 0.5, rng.random(count) - 0.5
    ideal = 1 / math.sqrt(count)  # the ideal distance in a unit square
    push = ideal**2 * count / REPULSION_SAMPLES  # the sample stands for all organisations
    centre = CENTRE_PULL * count * ideal
    temperature = 0.1
    cooling = (0.002 / temperature) ** (1 / STEPS)
    for _step in range(STEPS):
        others = rng.integers(0, count, size=(count, REPULSION_SAMPLES))
        dx, dy = x[:, None] - x[others], y[:, None] - y[others]
        factor = push / np.maximum(dx * dx + dy * dy, 1e-6)
        move_x, move_y = (dx * factor).sum(axis=1), (dy * factor).sum(axis=1)
        ex, ey = x[sources] - x[targets], y[sources] - y[targets]
        strength = np.sqrt(ex * ex + ey * ey) * pull / ideal
        ex, ey = ex * strength, ey * strength
        move_x += np.bincount(targets, ex, count) - np.bincount(sources, ex, count)
        move_y += np.bincount(targets, ey, count) - np.bincount(sources, ey, count)
        move_x -= x * centre
        move_y -= y * centre
        length = np.maximum(np.sqrt(move_x * move_x + move_y * move_y), 1e-9)
        step = np.minimum(length, temperature) / length
        x += move_x * step
        y += move_y * step
        temperature *= cooling
    return np.column_stack([x, y])
