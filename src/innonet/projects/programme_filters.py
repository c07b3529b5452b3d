"""FilterSets of funding programmes and calls: one each for the pages and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.filters import StrictBooleanFilter

from .models import FundingCall, FundingProgramme


class ProgrammeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    level = django_filters.ChoiceFilter(
        choices=FundingProgramme.Level.choices, label=_("level"), empty_label=_("all")
    )
    is_active = StrictBooleanFilter(label=_("active"), empty_label=_("all"))

    class Meta:
        model = FundingProgramme
        fields = ["q", "level", "is_active"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(funder__icontains=value))


class CallFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    programme = django_filters.ModelChoiceFilter(
        queryset=FundingProgramme.objects.all(), label=_("funding programme")
    )
    is_active = StrictBooleanFilter(label=_("active"), empty_label=_("all"))
    deadline_after = django_filters.IsoDateTimeFilter(
        field_name="deadlines__due_at",
        lookup_expr="gte",
        label=_("has a deadline at or after"),
        distinct=True,
    )

    class Meta:
        model = FundingCall
        fields = ["q", "programme", "is_active", "deadline_after"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(topics__icontains=value))
