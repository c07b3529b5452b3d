"""FilterSets shared by the taxonomy pages and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Competence, Country, District, Ris3Field


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """true or false; anything else is a validation error rather than silently ignored."""

    def __init__(self, *args, empty_label=None, **kwargs):
        choices = [("true", _("yes")), ("false", _("no"))]
        if empty_label is not None:  # page forms: an explicit "all" choice first
            choices.insert(0, ("", empty_label))
        kwargs.setdefault("choices", choices)
        kwargs.setdefault("coerce", lambda value: value == "true")
        kwargs.setdefault("empty_value", None)
        super().__init__(*args, **kwargs)


class TaxonomyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", max_length=100)
    is_active = StrictBooleanFilter()


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
    q = django_filters.CharFilter(method="filter_search", max_length=100)
    is_eu = StrictBooleanFilter()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """German and English name, and the ISO code."""
        return queryset.filter(
            Q(name__icontains=value) | Q(name_en__icontains=value) | Q(code__iexact=value)
        )

    class Meta:
        model = Country
        fields = ["is_active", "is_eu"]
