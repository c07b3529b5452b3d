"""The FilterSet of memberships, shared by pages and the API."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.networks.models import Network

from ..models import Membership, MembershipStatus, Organisation
from .people import visible_organisations


class MembershipFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search", label=_("Search in the organisation's name"), max_length=200
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_organisations, label=_("organisation")
    )
    network = django_filters.ModelChoiceFilter(queryset=Network.objects.all(), label=_("network"))
    status = django_filters.ChoiceFilter(choices=MembershipStatus.choices, label=_("status"))
    membership_type = django_filters.ChoiceFilter(
        choices=Membership.Type.choices, label=_("membership type")
    )

    class Meta:
        model = Membership
        fields = ["q", "organisation", "network", "status", "membership_type"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Memberships of organisations whose name matches (German folding)."""
        return queryset.filter(organisation__in=Organisation.objects.search(value).values("pk"))
