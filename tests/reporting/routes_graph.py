"""Route x role rows for the network graph: the page and its two exports, for staff and the
board only."""

from tests.access import READERS, Route

ROUTES = [
    Route("reporting:network_graph", READERS),
    Route("reporting:network_graph_graphml", READERS),
    Route("reporting:network_graph_csv", READERS),
]
