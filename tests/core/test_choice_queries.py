"""Model drop-downs read their rows with one plain query: on PostgreSQL Django's default,
a server-side cursor per drop-down, cost 1-2 ms more each on every list page."""

import django_filters
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innonet.core.forms import label_empty_choices
from innonet.core.models import District
from innonet.partners.models import Organisation
from tests.factories import DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_list_page_reads_its_drop_downs_without_cursors(staff_client):
    OrganisationFactory()
    with CaptureQueriesContext(connection) as queries:
        assert staff_client.get(reverse("partners:organisation_list")).status_code == 200
    statements = [query["sql"] for query in queries]
    assert not [sql for sql in statements if "DECLARE" in sql or "CURSOR" in sql]
    assert any('FROM "core_district"' in sql for sql in statements)


NAMES = ("Testkreis Emsland", "Testkreis Aurich")
DISTRICTS = District.objects.filter(name__in=NAMES).order_by("name")


class DistrictForm(forms.Form):
    district = forms.ModelChoiceField(DISTRICTS, required=False)


class DistrictFilter(django_filters.FilterSet):
    district = django_filters.ModelChoiceFilter(queryset=DISTRICTS, null_label="without district")

    class Meta:
        model = Organisation
        fields = ["district"]


def test_the_choices_stay_the_same_with_the_empty_and_none_choices():
    districts = [DistrictFactory(name=name) for name in NAMES]
    form = DistrictForm()
    label_empty_choices(form, in_filter=False)
    values = [str(value) for value, _label in form.fields["district"].choices]
    assert values == ["", str(districts[1].pk), str(districts[0].pk)]

    filter_form = DistrictFilter().form
    label_empty_choices(filter_form, in_filter=True)
    labels = [str(label) for _value, label in filter_form.fields["district"].choices]
    assert labels[1:] == ["without district", "Testkreis Aurich", "Testkreis Emsland"]
