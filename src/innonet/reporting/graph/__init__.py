"""The network as a graph: organisations as nodes, ties from shared events, introductions and
projects (weighted, dated), their analysis with networkx, a server-side layout and the SVG.

`ties` loads, `analysis` reads the graph, `layout` places it, `svg` draws it, `report` puts
them together (with the cache), `exports` writes GraphML and CSV, `views` serves the page."""
