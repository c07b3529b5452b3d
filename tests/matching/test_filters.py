"""The profile list page and the API share one FilterSet: the same parameter names, and a
filter the page does not offer a role still only narrows what that role may see."""

import pytest
from django.urls import reverse

from innonet.matching.filters import ProfileFilterSet
from innonet.matching.models import ProfileStatus, Visibility

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db

LIST = reverse("matching:profile_list")


def listed(response):
    assert response.status_code == 200
    return [profile.pk for profile in response.context["profiles"]]


def test_the_api_documents_exactly_the_filters_of_the_page(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    parameters = schema["paths"]["/api/cooperation-profiles/"]["get"]["parameters"]
    documented = {p["name"] for p in parameters if p["in"] == "query"}
    assert documented - {"ordering", "cursor", "page", "page_size"} == set(
        ProfileFilterSet.base_filters
    )


@pytest.mark.parametrize("query", [{"mine": "true"}, {"status": "draft"}])
def test_anonymous_visitors_may_send_any_filter_and_it_only_narrows(client, query):
    ProfileFactory(visibility=Visibility.PUBLIC)
    ProfileFactory(visibility=Visibility.PUBLIC, status=ProfileStatus.DRAFT)
    assert listed(client.get(LIST, query)) == []


def test_a_hidden_filter_survives_the_next_search(client):
    html = client.get(LIST, {"kind": "tech_offer", "status": "published"}).content.decode()
    assert '<input type="hidden" name="status" value="published"' in html
