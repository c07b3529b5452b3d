"""One FilterSet for the calendar page and the API: the same parameter names, each narrowing
both answers in the same way (the organising network is `organiser` everywhere)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.events.filters import EventFilterSet
from tests.factories import EventFactory, FormatFactory, NetworkFactory, Ris3FieldFactory

pytestmark = pytest.mark.django_db

TITLE = "Sensorik im Stall"
# Parameters every list understands besides its filters.
NOT_FILTERS = {"ordering", "cursor", "page", "page_size"}


def api_titles(client, **params) -> set[str]:
    response = client.get("/api/events/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    return {row["title"] for row in body.get("results", body)}


def page_titles(client, **params) -> set[str]:
    response = client.get(reverse("events:event_list"), params)
    assert response.status_code == 200
    return {TITLE} if TITLE in response.content.decode() else set()


def values_that_exclude_the_event() -> dict[str, str]:
    """For each filter, a value that leaves out the (upcoming, public, published) event."""
    later = timezone.now() + timedelta(days=400)
    earlier = timezone.now() - timedelta(days=400)
    return {
        "q": "zzqq-nichts-passt",
        "ris3_field": str(Ris3FieldFactory().pk),
        "organiser": str(NetworkFactory().pk),
        "past": "true",
        "status": "cancelled",
        "visibility": "members",
        "starts_after": later.isoformat(),
        "starts_before": earlier.isoformat(),
        "format_id": str(FormatFactory().pk),
    }


def test_the_api_documents_exactly_the_filters_of_the_page(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    parameters = schema["paths"]["/api/events/"]["get"]["parameters"]
    documented = {p["name"] for p in parameters if p["in"] == "query"} - NOT_FILTERS
    assert documented == set(EventFilterSet.base_filters)
    assert "organiser" in documented and "network" not in documented


def test_page_and_api_narrow_the_same_way_for_every_filter(client):
    EventFactory(title=TITLE).ris3_fields.add(Ris3FieldFactory())
    assert page_titles(client) == api_titles(client) == {TITLE}
    for name, value in values_that_exclude_the_event().items():
        assert page_titles(client, **{name: value}) == set(), name
        assert api_titles(client, **{name: value}) == set(), name


def test_page_and_api_find_the_event_by_its_co_organiser(client):
    partner = NetworkFactory()
    EventFactory(title=TITLE).co_organisers.add(partner)
    assert page_titles(client, organiser=partner.pk) == {TITLE}
    assert api_titles(client, organiser=partner.pk) == {TITLE}


def test_the_page_keeps_filters_it_does_not_show_when_searching_again(client):
    html = client.get(reverse("events:event_list"), {"status": "cancelled"}).content.decode()
    assert '<input type="hidden" name="status" value="cancelled"' in html
    assert 'name="visibility"' not in html  # empty hidden filters are left out
