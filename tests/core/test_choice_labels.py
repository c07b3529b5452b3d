"""`get_<field>_display()` reads a label table built once per field; the label still follows
the language of the request and an unknown stored value shows as itself."""

import pytest
from django.utils import translation

from innonet.partners.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_label_follows_the_active_language():
    organisation = OrganisationFactory(kind=Organisation.Kind.RESEARCH)
    with translation.override("en"):
        assert organisation.get_kind_display() == "research institute"
    with translation.override("de"):
        assert organisation.get_kind_display() == "Forschungseinrichtung"
    with translation.override("en"):
        assert organisation.get_kind_display() == "research institute"


def test_a_value_outside_the_choices_shows_as_itself():
    organisation = OrganisationFactory()
    organisation.kind = "legacy-kind"
    assert organisation.get_kind_display() == "legacy-kind"
    organisation.kind = ""
    assert organisation.get_kind_display() == ""
