"""The member directory's FilterSet: free text, competence, RIS3 field, district and kind, each
a plain select (one value at a time)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.models import Competence, District, Ris3Field

from ..models import Organisation, Unit


class DirectoryFilterSet(django_filters.FilterSet):
    """Search (German folding) in what the directory shows; a competence held by the
    organisation itself or by one of its research groups."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.filter(is_active=True),
        method="filter_competence",
        label=_("competence"),
    )
    ris3_field = django_filters.ModelChoiceFilter(
        queryset=Ris3Field.objects.filter(is_active=True),
        field_name="ris3_fields",
        label=_("RIS3 field"),
    )
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.all(), label=_("district")
    )
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices, label=_("kind"))

    class Meta:
        model = Organisation
        fields = ["q", "competence", "ris3_field", "district", "kind"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_competence(self, queryset: QuerySet, name: str, value: Competence) -> QuerySet:
        if value is None:
            return queryset
        through_units = Unit.objects.filter(competences=value).values("organisation_id")
        own = Organisation.competences.through.objects.filter(competence=value).values(
            "organisation_id"
        )
        return queryset.filter(Q(pk__in=own) | Q(pk__in=through_units))
