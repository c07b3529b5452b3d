"""The network's ties and what the graph says about them, on the hand-built world of
graph_world.py (its docstring has the arithmetic)."""

from datetime import timedelta

import networkx as nx
import pytest
from django.utils import timezone

from innonet.reporting.graph import analysis
from innonet.reporting.graph.forms import default_period
from innonet.reporting.graph.layout import backbone, layout
from innonet.reporting.graph.ties import Period, load_network

from .graph_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def weights(data, orgs) -> dict[tuple[str, str], float]:
    name = {organisation.pk: key for key, organisation in orgs.items()}
    return {
        tuple(sorted((name[a], name[b]))): round(tie.weight, 4) for (a, b), tie in data.ties.items()
    }


def test_ties_of_the_last_twelve_months_weigh_events_introductions_and_projects(world):
    data = load_network(default_period())
    assert weights(data, world.orgs) == {
        ("agrar", "energie"): round(1 / 3, 4),
        ("agrar", "hs"): round(13 / 3, 4),
        ("agrar", "soft"): round(10 / 3, 4),
        ("energie", "hs"): round(1 / 3, 4),
        ("energie", "soft"): round(7 / 3, 4),
        ("hs", "soft"): round(16 / 3, 4),
    }
    orgs = world.orgs
    tie = data.ties[tuple(sorted((orgs["agrar"].pk, orgs["hs"].pk)))]
    today = timezone.localdate()
    assert (tie.events, tie.introductions, tie.projects) == (2, 0, 1)
    assert (tie.first, tie.last) == (today - timedelta(days=100), today)
    tie = data.ties[tuple(sorted((orgs["hs"].pk, orgs["soft"].pk)))]
    assert (tie.events, tie.introductions, tie.projects) == (1, 1, 1)


def test_a_period_in_the_past_holds_only_its_own_ties(world):
    today = timezone.localdate()
    period = Period(start=today - timedelta(days=800), end=today - timedelta(days=300))
    data = load_network(period)
    assert weights(data, world.orgs) == {("agrar", "alt"): 1.0, ("energie", "hs"): 3.0}
    tie = data.ties[tuple(sorted((world.orgs["energie"].pk, world.orgs["hs"].pk)))]
    assert (tie.first, tie.last) == (today - timedelta(days=700), today - timedelta(days=500))


def test_the_network_filter_keeps_its_members_and_the_event_weights(world):
    data = load_network(default_period(), network_id=world.network.pk)
    assert set(data.organisations) == {world.orgs[k].pk for k in ("agrar", "hs", "soft")}
    # The Feldtag still had four organisations: 1/3 per pair, not 1/2.
    assert weights(data, world.orgs) == {
        ("agrar", "hs"): round(13 / 3, 4),
        ("agrar", "soft"): round(10 / 3, 4),
        ("hs", "soft"): round(16 / 3, 4),
    }


def test_it_partners_are_companies_and_research_with_an_it_competence(world):
    data = load_network(default_period())
    it = {key for key, org in world.orgs.items() if data.organisations[org.pk].it_partner}
    assert it == {"hs", "soft", "it1", "it2", "it3"}


def test_central_partners_are_ordered_by_strength(world):
    data = load_network(default_period())
    graph = analysis.build_graph(data)
    central = analysis.central_partners(graph, analysis.betweenness(graph))
    names = {org.pk: key for key, org in world.orgs.items()}
    assert [names[row.pk] for row in central] == ["soft", "hs", "agrar", "energie"]
    assert [round(row.strength, 4) for row in central] == [11.0, 10.0, 8.0, 3.0]
    assert [row.partners for row in central] == [3, 3, 3, 3]


def test_the_university_is_the_strongest_bridge_between_sectors(world):
    data = load_network(default_period())
    graph = analysis.build_graph(data)
    rows = analysis.bridges(graph, analysis.sectors(graph))
    # all ties but agrar-soft cross: 38/3 of 48/3
    assert analysis.cross_share(analysis.sectors(graph)) == pytest.approx(38 / 48)
    names = {org.pk: key for key, org in world.orgs.items()}
    assert [names[row.pk] for row in rows] == ["hs", "soft", "agrar", "energie"]
    assert [round(row.cross_weight, 4) for row in rows] == [
        10.0,
        round(23 / 3, 4),
        round(14 / 3, 4),
        3.0,
    ]
    hs, soft = rows[0], rows[1]
    assert hs.other_kinds == ("sme",) and hs.other_fields == ()
    assert soft.other_kinds == ("university",)
    assert soft.other_fields == (world.fields["energie"].pk,)


def test_white_spots_are_fields_with_fewer_than_three_it_partners(world):
    data = load_network(default_period())
    rows = {row.ris3: row for row in analysis.white_spots(data, analysis.build_graph(data))}
    fields = world.fields
    agrar, energie = rows[fields["agrar"].pk], rows[fields["energie"].pk]
    maritim, digital = rows[fields["maritim"].pk], rows[fields["digital"].pk]
    assert (agrar.organisations, agrar.it_inside, agrar.it_close) == (3, 2, 0)
    # soft is tied closely to both Energie organisations (introduction, project): 1 from outside
    assert (energie.organisations, energie.it_inside, energie.it_close) == (2, 1, 1)
    assert (maritim.organisations, maritim.it_inside) == (0, 0)
    # amt (public body) and robo (robotics only) are no IT partners
    assert (digital.organisations, digital.it_inside) == (5, 3)
    assert agrar.is_white_spot and energie.is_white_spot and maritim.is_white_spot
    assert not digital.is_white_spot
    order = [row.ris3 for row in analysis.white_spots(data, analysis.build_graph(data))]
    assert order.index(fields["maritim"].pk) < order.index(fields["energie"].pk)
    assert order.index(fields["energie"].pk) < order.index(fields["agrar"].pk)
    assert order.index(fields["agrar"].pk) < order.index(fields["digital"].pk)


def test_betweenness_names_the_broker_of_a_chain():
    graph = nx.path_graph(5)
    assert analysis.betweenness(graph) == {0: 0.0, 1: 75.0, 2: 100.0, 3: 75.0, 4: 0.0}


def test_sampled_betweenness_equals_networkx_when_every_start_is_sampled():
    graph = nx.gnm_random_graph(340, 900, seed=3)
    graph.add_edge(400, 401)  # a second component
    exact = nx.betweenness_centrality(graph, normalized=False)
    mine = analysis.sampled_betweenness(graph, samples=10_000, seed=1)
    # Each path counts from both ends in the sampled sum; networkx counts it once.
    assert max(abs(2 * exact[node] - mine[node]) for node in graph) < 1e-6


def test_large_graphs_get_sampled_betweenness_with_a_fixed_seed():
    graph = nx.barabasi_albert_graph(analysis.EXACT_BETWEENNESS_UP_TO + 50, 2, seed=5)
    first, second = analysis.betweenness(graph), analysis.betweenness(graph)
    assert first == second and max(first.values()) == 100.0


def test_layout_is_repeatable_and_inside_the_unit_square():
    for graph in (nx.karate_club_graph(), nx.barabasi_albert_graph(600, 2, seed=1)):
        nx.set_edge_attributes(graph, 1.0, "weight")
        drawn = backbone(graph)
        positions = layout(drawn)
        assert positions == layout(drawn)
        assert set(positions) == set(graph.nodes)
        assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in positions.values())


def test_the_backbone_keeps_every_organisations_strongest_ties():
    graph = nx.complete_graph(8)
    for a, b in graph.edges:
        graph.edges[a, b]["weight"] = (1 + a + b) / 100  # events only
    graph.edges[0, 1]["weight"] = 2.0  # an introduction: always drawn
    drawn = backbone(graph)
    assert drawn.has_edge(0, 1)
    assert all(drawn.degree(node) >= 3 for node in drawn)
    assert drawn.number_of_edges() < graph.number_of_edges()
    assert drawn.has_edge(6, 7) and not drawn.has_edge(1, 2)
