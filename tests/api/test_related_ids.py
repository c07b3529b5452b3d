"""A list page reads its many-to-many id lists (an organisation's competences and RIS3
fields, a unit's competences) with one query per relation, in the same order the detail
answer gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CompetenceFactory, OrganisationFactory, UnitFactory

pytestmark = pytest.mark.django_db


def organisations_with_competences(count: int, suffix: str = "") -> list:
    # Created in an order unlike the German order of their names.
    names = ("Zerspanung", "Ärzte-IT", "Bioökonomie")
    terms = [CompetenceFactory(name=name + suffix) for name in names]
    organisations = []
    for _ in range(count):
        organisation = OrganisationFactory()
        organisation.competences.set(terms)
        organisations.append(organisation)
    return organisations


def test_the_list_gives_the_same_id_lists_as_the_detail(api):
    organisations = organisations_with_competences(3)
    listed = {row["id"]: row for row in api.get("/api/organisations/").json()["results"]}
    for organisation in organisations:
        detail = api.get(f"/api/organisations/{organisation.pk}/").json()
        assert listed[organisation.pk]["competences"] == detail["competences"]
        assert listed[organisation.pk]["ris3_fields"] == detail["ris3_fields"]
    names = [term.name for term in organisations[0].competences.all()]
    assert names == ["Ärzte-IT", "Bioökonomie", "Zerspanung"]  # the German order


def queries_for(api, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(api):
    organisations = organisations_with_competences(2)
    api.get("/api/organisations/")  # the token's first use is recorded once
    few = queries_for(api, "/api/organisations/")
    organisations += organisations_with_competences(10, suffix=" 2")
    for organisation in organisations:
        UnitFactory(organisation=organisation).competences.set(organisation.competences.all())
    assert queries_for(api, "/api/organisations/") == few
    units = queries_for(api, "/api/units/?page_size=2")
    assert queries_for(api, "/api/units/?page_size=12") == units
