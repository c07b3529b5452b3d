"""Form fields point screen readers at their help texts and errors (BITV / WCAG 1.3.1)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FORM_PAGES = (
    "partners:organisation_create",
    "partners:person_create",
    "events:event_create",
    "projects:project_create",
    "matching:profile_create",
    "matching:idea",
)


def _dangling_references(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    wanted = [
        target
        for value in re.findall(r'aria-describedby="([^"]*)"', html)
        for target in value.split()
    ]
    return [target for target in wanted if target not in ids]


@pytest.mark.parametrize("name", FORM_PAGES)
def test_every_described_by_reference_exists(staff_client, name):
    html = staff_client.get(reverse(name)).content.decode()

    assert _dangling_references(html) == []


def test_help_texts_are_referenced(staff_client):
    html = staff_client.get(reverse("partners:organisation_create")).content.decode()

    assert 'aria-describedby="id_keywords_helptext"' in html
    assert 'id="id_keywords_helptext"' in html


def test_sign_in_page(client):
    html = client.get(reverse("account_login")).content.decode()

    assert _dangling_references(html) == []


def test_errors_are_referenced_too(staff_client):
    html = staff_client.post(reverse("partners:organisation_create"), {"name": ""}).content
    html = html.decode()

    assert 'aria-invalid="true"' in html
    assert _dangling_references(html) == []
