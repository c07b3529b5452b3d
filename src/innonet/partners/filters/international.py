"""The FilterSet of the office's international work (the list page)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import DateInput
from innonet.core.models import Country

from ..models import InternationalActivity


class InternationalActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="topic", lookup_expr="icontains", label=_("Search in topic"), max_length=100
    )
    kind = django_filters.ChoiceFilter(choices=InternationalActivity.Kind.choices, label=_("kind"))
    direction = django_filters.ChoiceFilter(
        choices=InternationalActivity.Direction.choices, label=_("direction")
    )
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(), method="filter_country", label=_("country")
    )
    date_from = django_filters.DateFilter(
        field_name="happened_on", lookup_expr="gte", label=_("from"), widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        field_name="happened_on", lookup_expr="lte", label=_("until"), widget=DateInput()
    )

    class Meta:
        model = InternationalActivity
        fields = ["q", "kind", "direction", "country", "date_from", "date_to"]

    def filter_country(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(countries=value).distinct()
