"""What `lint-imports` cannot say: apps beside each other on one layer (accounts and networks)
share only their models, services, queries and signals. The layer contracts themselves live in
pyproject.toml and run in `make lint`."""

import grimp
import pytest

BESIDE = [("innonet.accounts", "innonet.networks")]
SHARED = ("models", "services", "queries", "signals")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("innonet")


def _modules(graph, package: str) -> set[str]:
    return {package} | graph.find_descendants(package)


@pytest.mark.parametrize("pair", BESIDE, ids="-".join)
def test_apps_beside_each_other_share_only_models_services_queries_and_signals(graph, pair):
    wrong = []
    for importer_app, imported_app in (pair, pair[::-1]):
        for importer in _modules(graph, importer_app):
            for imported in graph.find_modules_directly_imported_by(importer):
                if imported != imported_app and not imported.startswith(f"{imported_app}."):
                    continue
                part = imported.removeprefix(f"{imported_app}.").split(".")[0]
                if part not in SHARED:
                    wrong.append(f"{importer} -> {imported}")
    assert wrong == []


def test_the_graph_holds_imports_inside_functions(graph):
    """Imports inside functions count (serve once imported the demo from inside one); the demo
    registers its logins from inside `ready()`."""
    assert "innonet.core.announcements" in graph.find_modules_directly_imported_by(
        "innonet.demo.apps"
    )
