"""The international indicators on the hand-built network of label_world.py, whose right
answers are counted here by hand; and where they show (dashboard, the records behind one)."""

import pytest
from django.urls import reverse

from innonet.reporting.indicators import compute
from innonet.reporting.indicators.facts import load_facts
from innonet.reporting.indicators.records import describe
from tests.reporting.world import AS_OF, YEAR

pytestmark = pytest.mark.django_db
CODES = [
    "international_activity_contacts", "delegation_visits", "delegation_visitors",
    "foreign_members", "foreign_event_organisations", "international_contacts",
]  # fmt: skip


def figures(network=None):
    return compute(load_facts(network, as_of=AS_OF), YEAR, CODES)


def parts(result):
    return {part.key: part.value for part in result.parts}


def test_all_networks(label_world):
    result = figures()
    activities = label_world["activities"]
    contacts = result["international_activity_contacts"]
    assert contacts.value == 2  # the contacts of 2024 and 2026 are outside the year
    assert {r.pk for r in contacts.records} == {activities["dk"].pk, activities["nordic"].pk}
    assert parts(contacts) == {"DK": 1, "SE": 1, "NO": 1}
    assert result["delegation_visits"].value == 2
    assert parts(result["delegation_visits"]) == {"incoming": 1, "outgoing": 1}
    assert result["delegation_visitors"].value == 16
    assert parts(result["delegation_visitors"]) == {"incoming": 12, "outgoing": 4}
    # Only H has an address abroad among the members (D, in the Netherlands, is none).
    foreign = result["foreign_members"]
    assert (foreign.value, parts(foreign)) == (1, {"NL": 1})
    assert [r.pk for r in foreign.records] == [label_world["org"]["H"].pk]
    at_events = result["foreign_event_organisations"]
    assert (at_events.value, parts(at_events)) == (1, {"NL": 1})


def test_one_network_counts_its_own_and_its_members_work(label_world):
    host = figures(label_world["host"])
    assert host["international_activity_contacts"].value == 2  # its own, and A's (no network)
    assert host["delegation_visits"].value == 1
    assert parts(host["delegation_visits"]) == {"incoming": 1}
    assert host["delegation_visitors"].value == 12
    assert host["foreign_members"].value == 1
    sector = figures(label_world["sector"])
    assert sector["international_activity_contacts"].value == 1  # A is its member from March
    assert parts(sector["delegation_visitors"]) == {"outgoing": 4}
    assert sector["foreign_members"].value == 0


def test_organisations_met_abroad_count_as_international_contacts(label_world):
    result = figures()["international_contacts"]
    org, incoming = label_world["org"], label_world["activities"]["incoming"]
    assert {r.pk for r in result.records} == {org["D"].pk, org["H"].pk}
    delta = next(r for r in result.records if r.pk == org["D"].pk)
    assert ("international", incoming.pk) in {(e.kind, e.pk) for e in delta.evidence}
    assert org["A"].pk not in {r.pk for r in result.records}  # met abroad, but at home


def test_records_link_to_the_activities(label_world):
    rows = describe(figures()["delegation_visits"].records)
    incoming = label_world["activities"]["incoming"]
    assert {row.url for row in rows} >= {
        reverse("partners:international_detail", args=[incoming.pk])
    }


def test_dashboard_shows_the_international_group(label_world, staff_client):
    response = staff_client.get(reverse("reporting:dashboard"), {"year": "2025"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="section-international"' in page
    detail = staff_client.get(
        reverse("reporting:indicator_detail", args=["delegation_visits"]), {"year": "2025"}
    )
    assert detail.status_code == 200
    assert reverse("partners:international_detail", args=[incoming_pk(label_world)]) in (
        detail.content.decode()
    )


def incoming_pk(world):
    return world["activities"]["incoming"].pk
