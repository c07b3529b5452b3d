"""What the network's graph says: central partners, bridges between sectors and white spots.

- Central partners have the strongest ties: ranked by strength (the sum of their ties'
  weights), then by the number of partners they are tied to. Beside it stands betweenness: how
  often an organisation lies on the shortest chain of ties between two others (hops, not
  weights), shown as an index with the highest at 100. Up to `EXACT_BETWEENNESS_UP_TO`
  organisations networkx computes it exactly; above, it is estimated from
  `BETWEENNESS_SAMPLES` start points drawn with a fixed seed (same data, same figures) by
  `sampled_betweenness`, Brandes' algorithm run for many start points at once as sparse
  matrix products (networkx's own sampling took seconds for 2,000 organisations).
- Bridges between sectors are organisations with the strongest ties across sectors: the sum of
  the weights of their ties to organisations of another kind, or to organisations that share
  none of their RIS3 fields. Beside it stand the other kinds and RIS3 fields their ties reach.
- A white spot is an active RIS3 field in which fewer than `WHITE_SPOT_BELOW` IT partners
  (ties.IT_PARTNER_KINDS with an IT competence) work. Beside it stand the IT partners from
  outside the field with a close tie (weight `CLOSE_TIE` or more: an introduction, a project
  or several events) to one of its organisations in the period: a white spot with such ties
  is being worked on.
"""

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix

from .ties import NetworkData

__all__ = [
    "BETWEENNESS_SAMPLES",
    "CLOSE_TIE",
    "EXACT_BETWEENNESS_UP_TO",
    "WHITE_SPOT_BELOW",
    "Bridge",
    "CentralPartner",
    "Sectors",
    "WhiteSpot",
    "betweenness",
    "bridges",
    "build_graph",
    "central_partners",
    "cross_share",
    "sampled_betweenness",
    "sectors",
    "white_spots",
]

EXACT_BETWEENNESS_UP_TO = 300
BETWEENNESS_SAMPLES = 256
BATCH = 128  # start points per matrix product
SEED = 14
WHITE_SPOT_BELOW = 3
CLOSE_TIE = 1.0  # an introduction, a project, or several events together
LISTED = 10


@dataclass(frozen=True)
class CentralPartner:
    """One row of the central partners' table."""

    pk: int
    name: str
    kind: str
    partners: int  # organisations tied to it
    strength: float  # the sum of its ties' weights
    betweenness: float  # 0 to 100, the most central broker at 100


@dataclass(frozen=True)
class Bridge:
    """One row of the bridges' table: the other kinds and RIS3 fields its ties reach."""

    pk: int
    name: str
    kind: str
    other_kinds: tuple[str, ...]
    other_fields: tuple[int, ...]
    cross_weight: float

    @property
    def reach(self) -> int:
        return len(self.other_kinds) + len(self.other_fields)


@dataclass(frozen=True)
class WhiteSpot:
    """One RIS3 field with its organisations and the IT partners in it and close to it."""

    ris3: int
    name: str
    organisations: int  # organisations in scope working in the field
    it_inside: int  # IT partners working in the field
    it_close: int  # further IT partners with a close tie to an organisation of the field

    @property
    def is_white_spot(self) -> bool:
        return self.it_inside < WHITE_SPOT_BELOW


def build_graph(data: NetworkData) -> nx.Graph:
    """The organisations with at least one tie as nodes (name, kind, RIS3 fields), the ties as
    weighted edges (the rest of each tie stays in `data.ties`)."""
    graph = nx.Graph()
    graph.add_edges_from(
        (first, second, {"weight": tie.weight}) for (first, second), tie in data.ties.items()
    )
    organisations = data.organisations
    for pk, attributes in graph.nodes(data=True):
        node = organisations[pk]
        attributes.update(name=node.name, kind=node.kind, ris3=node.ris3)
    return graph


def betweenness(graph: nx.Graph) -> dict[int, float]:
    """Betweenness per organisation as an index from 0 to 100 (hops; sampled for big graphs)."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO:
        raw = nx.betweenness_centrality(graph)
    else:
        raw = sampled_betweenness(graph, samples=BETWEENNESS_SAMPLES, seed=SEED)
    top = max(raw.values())
    return {pk: (value / top * 100 if top else 0.0) for pk, value in raw.items()}


def sampled_betweenness(graph: nx.Graph, *, samples: int, seed: int) -> dict[int, float]:
    """Betweenness (hops) summed over `samples` start points drawn with `seed`, up to a
    constant factor (callers scale it). With `samples` >= the number of nodes it is exact."""
    nodes = sorted(graph.nodes)
    count = len(nodes)
    index = {pk: number for number, pk in enumerate(nodes)}
    pairs = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    columns = np.concatenate([pairs[:, 1], pairs[:, 0]])
    adjacency = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(count, count))
    rng = np.random.default_rng(seed)
    sources = rng.permutation(count)[: min(samples, count)]
    total = np.zeros(count)
    for start in range(0, len(sources), BATCH):
        total += _dependencies(adjacency, sources[start : start + BATCH])
    return dict(zip(nodes, total.tolist(), strict=True))


def _dependencies(adjacency: csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependencies of every node, summed over `sources` (one column each): a
    breadth-first search counting shortest paths, then the dependencies level by level back."""
    count, width = adjacency.shape[0], len(sources)
    columns = np.arange(width)
    paths = np.zeros((count, width))
    paths[sources, columns] = 1.0
    level = np.full((count, width), -1, dtype=np.int32)
    level[sources, columns] = 0
    frontier, depth = paths.copy(), 0
    while True:
        reached = adjacency @ frontier
        new = (reached > 0) & (level < 0)
        if not new.any():
            break
        depth += 1
        level[new] = depth
        paths[new] = reached[new]
        frontier = np.where(new, reached, 0.0)
    dependency = np.zeros((count, width))
    safe_paths = np.where(paths > 0, paths, 1.0)
    for current in range(depth, 0, -1):
        share = np.where(level == current, (1.0 + dependency) / safe_paths, 0.0)
        back = adjacency @ share
        dependency += np.where(level == current - 1, paths * back, 0.0)
    dependency[sources, columns] = 0.0
    return dependency.sum(axis=1)


def central_partners(
    graph: nx.Graph, brokerage: dict[int, float], limit: int = LISTED
) -> list[CentralPartner]:
    """The organisations with the strongest ties, strongest first."""
    rows = [
        CentralPartner(
            pk=pk,
            name=graph.nodes[pk]["name"],
            kind=graph.nodes[pk]["kind"],
            partners=graph.degree(pk),
            strength=graph.degree(pk, weight="weight"),
            betweenness=brokerage.get(pk, 0.0),
        )
        for pk in graph.nodes
    ]
    rows.sort(key=lambda row: (-row.strength, -row.partners, row.name, row.pk))
    return rows[:limit]


@dataclass
class Sectors:
    """One pass over the ties: per organisation the kinds and RIS3 fields its ties reach and
    the weight of its ties across sectors; in all, the total and the crossing weight."""

    kinds: defaultdict[int, set[str]]
    fields: defaultdict[int, set[int]]
    cross: defaultdict[int, float]
    total: float
    crossing: float


def sectors(graph: nx.Graph) -> Sectors:
    """A tie crosses sectors between different kinds, or between organisations that both
    have RIS3 fields and share none."""
    kind_of = dict(graph.nodes(data="kind"))
    fields_of = {pk: frozenset(fields) for pk, fields in graph.nodes(data="ris3")}
    found = Sectors(defaultdict(set), defaultdict(set), defaultdict(float), 0.0, 0.0)
    for one, other, weight in graph.edges(data="weight"):
        kind, other_kind = kind_of[one], kind_of[other]
        fields, other_fields = fields_of[one], fields_of[other]
        found.kinds[one].add(other_kind)
        found.kinds[other].add(kind)
        found.fields[one] |= other_fields
        found.fields[other] |= fields
        found.total += weight
        if kind != other_kind or (fields and other_fields and fields.isdisjoint(other_fields)):
            found.cross[one] += weight
            found.cross[other] += weight
            found.crossing += weight
    return found


def cross_share(found: Sectors) -> float | None:
    """The share of all ties' weight that crosses sectors (None without ties)."""
    return found.crossing / found.total if found.total else None


def bridges(graph: nx.Graph, found: Sectors, limit: int = LISTED) -> list[Bridge]:
    """The organisations with the strongest ties across sectors (see the module's docstring)."""
    nodes = graph.nodes
    rows = []
    for pk, cross in found.cross.items():
        kind, own = nodes[pk]["kind"], set(nodes[pk]["ris3"])
        kinds = tuple(sorted(found.kinds[pk] - {kind}))
        fields = tuple(sorted(found.fields[pk] - own))
        rows.append(Bridge(pk, nodes[pk]["name"], kind, kinds, fields, cross))
    rows.sort(key=lambda row: (-row.cross_weight, -row.reach, row.name, row.pk))
    return rows[:limit]


def white_spots(data: NetworkData, graph: nx.Graph) -> list[WhiteSpot]:
    """Every active RIS3 field with its organisations, its IT partners and the IT partners
    close to it from outside; the white spots first (fewest IT partners, then most
    organisations)."""
    members: defaultdict[int, set[int]] = defaultdict(set)
    for node in data.organisations.values():
        for ris3 in node.ris3:
            members[ris3].add(node.pk)
    it_partner = {pk for pk, node in data.organisations.items() if node.it_partner}
    close_to: defaultdict[int, set[int]] = defaultdict(set)  # IT partners with a close tie
    for one, other, weight in graph.edges(data="weight"):
        if weight >= CLOSE_TIE:
            if other in it_partner:
                close_to[one].add(other)
            if one in it_partner:
                close_to[other].add(one)
    rows = []
    for ris3, name in data.ris3_fields.items():
        inside = members.get(ris3, set())
        close = set().union(*(close_to[pk] for pk in inside if pk in close_to))
        it_inside = inside & it_partner
        rows.append(WhiteSpot(ris3, name, len(inside), len(it_inside), len(close - it_inside)))
    rows.sort(key=lambda row: (row.it_inside, -row.organisations, row.name))
    return rows
