"""The FilterSet of the interaction log, shared by the list page and the API."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core.filters import StrictBooleanFilter
from innonet.core.forms import DateInput

from ..models import Interaction, Organisation


class InteractionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="topic", lookup_expr="icontains", label=_("Search in topic"), max_length=100
    )
    kind = django_filters.ChoiceFilter(choices=Interaction.Kind.choices, label=_("kind"))
    date_from = django_filters.DateFilter(
        field_name="happened_on",
        lookup_expr="gte",
        label=_("from"),
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        field_name="happened_on",
        lookup_expr="lte",
        label=_("until"),
        widget=DateInput(),
    )
    organisation_name = django_filters.CharFilter(
        method="filter_organisation_name", label=_("organisation"), max_length=100
    )
    organisation = django_filters.ModelChoiceFilter(
        widget=forms.HiddenInput,
        queryset=Organisation.objects.only("pk", "name"),
        label=_("organisation"),
    )
    staff = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(role=Role.STAFF), label=_("staff member")
    )
    open_follow_up = StrictBooleanFilter(method="filter_open", label=_("open follow-up"))

    class Meta:
        model = Interaction
        fields = [
            "q", "kind", "date_from", "date_to", "organisation_name", "organisation", "staff",
            "open_follow_up",
        ]  # fmt: skip

    def filter_organisation_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Interactions with organisations whose name matches (German folding)."""
        if not value:
            return queryset
        return queryset.filter(organisation__in=Organisation.objects.search(value).values("pk"))

    def filter_open(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        open_ones = queryset.open_follow_ups()
        return open_ones if value else queryset.exclude(pk__in=open_ones.values("pk"))
