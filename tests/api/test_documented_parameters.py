"""Every query parameter the API documents does something (attack run, finding 9).

For each list in the OpenAPI schema and each of its query parameters, a value that matches
nothing (or is no valid value at all) must either be refused (400/404) or change the answer.
A parameter that is documented but ignored, like DRF's `search` on lists without search
fields, returns the unfiltered list and fails here.
"""

import pytest
from django.urls import reverse

from tests.content import routes_publications_api as content_area
from tests.events import routes_rest_api as event_area
from tests.matching import routes_rest_api as matching_area
from tests.partners import routes_rest_api as partners_area
from tests.projects import routes_rest_api as projects_area
from tests.reporting import routes_reports as reports_area

NOTHING = "zzqq-nichts-passt"


@pytest.fixture
def staff_client(role_users, client_for):
    objects = {**role_users}
    areas = (partners_area, event_area, matching_area, projects_area, reports_area, content_area)
    for area in areas:
        objects.update(area.objects(objects))
    return client_for(role_users["staff"])


def _garbage(schema: dict) -> str:
    """A value that is either invalid for the parameter or matches no row."""
    kind, shape = schema.get("type"), schema.get("format")
    if schema.get("enum") or kind == "boolean" or shape in ("date", "date-time"):
        return NOTHING
    if kind == "integer":
        return "-1"
    return NOTHING


def _lists(schema: dict) -> list[tuple[str, list[dict]]]:
    lists = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or "{" in path:
            continue
        query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
        if query:
            lists.append((path, query))
    return lists


def _rows(response) -> list:
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_every_documented_list_parameter_changes_the_answer_or_is_refused(staff_client):
    schema = staff_client.get(reverse("schema"), {"format": "json"}).json()
    ignored = []
    for path, parameters in _lists(schema):
        baseline = staff_client.get(path)
        assert baseline.status_code == 200, path
        rows = _rows(baseline)
        assert rows, f"{path}: the fixture must give staff at least one row"
        for parameter in parameters:
            name = parameter["name"]
            response = staff_client.get(path, {name: _garbage(parameter.get("schema", {}))})
            assert response.status_code < 500, (path, name)
            if response.status_code in (400, 404):
                continue
            if _rows(response) == rows:
                ignored.append(f"{path}?{name}")
    assert not ignored, f"documented but ignored: {ignored}"


def test_search_is_q_on_every_list_that_searches(staff_client):
    schema = staff_client.get(reverse("schema"), {"format": "json"}).json()
    for path, parameters in _lists(schema):
        names = {parameter["name"] for parameter in parameters}
        assert "search" not in names, path


def test_an_unknown_sort_field_is_refused(staff_client):
    response = staff_client.get("/api/people/", {"ordering": "password"})
    assert response.status_code == 400
    assert "last_name" in response.json()["ordering"][0]
