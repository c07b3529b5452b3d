"""Hostile filter values on the attention list and its export: never a 500, never reflected
unescaped."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("reporting:attention")
EXPORT = reverse("reporting:attention_export", kwargs={"fmt": "csv"})

HOSTILE = [
    {"network": "1e309"},
    {"network": "99999999999999999999999"},
    {"district": "\x00"},
    {"months": "99999999999999999999"},
    {"months": "-3"},
    {"kind": '"><svg onload=alert(1)>'},
    {"reason": "Zeile\r\nzwei"},
    {"sort": "<script>x</script>"},
    {"page": "-1"},
    {"page": "x" * 10_000},
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda query: next(iter(query)))
def test_hostile_filters(staff_client, query):
    response = staff_client.get(URL, query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg onload" not in page and "<script>x" not in page
    assert staff_client.get(EXPORT, query).status_code in (200, 400)


def test_bytes_that_are_no_utf8(staff_client):
    """A lone surrogate as the browser would send it, percent-encoded."""
    assert staff_client.get(f"{URL}?reason=%ED%A0%80&q=%FF").status_code == 200
