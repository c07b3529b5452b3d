"""FilterSets shared by the taxonomy pages and the API."""

import django_filters

from .models import Competence, Country, District, Ris3Field


class TaxonomyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", max_length=100)
    is_active = django_filters.BooleanFilter()


class Ris3FieldFilterSet(TaxonomyFilterSet):
    class Meta:
        model = Ris3Field
        fields = ["is_active"]


class CompetenceFilterSet(TaxonomyFilterSet):
    class Meta:
        model = Competence
        fields = ["is_active", "parent"]


class DistrictFilterSet(TaxonomyFilterSet):
    class Meta:
        model = District
        fields = ["is_active", "area", "state"]


class CountryFilterSet(TaxonomyFilterSet):
    class Meta:
        model = Country
        fields = ["is_active", "is_eu"]
