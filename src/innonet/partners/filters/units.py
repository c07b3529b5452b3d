"""The FilterSet of units (research groups, departments), shared by pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innonet.core.models import Competence

from ..models import Unit
from .people import visible_organisations


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Search"), max_length=100
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_organisations, label=_("organisation")
    )
    kind = django_filters.ChoiceFilter(choices=Unit.Kind.choices, label=_("kind"))
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.all(), field_name="competences", label=_("competence")
    )

    class Meta:
        model = Unit
        fields = ["q", "organisation", "kind", "competence"]
