"""The FilterSet of memberships, shared by pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from innonet.networks.models import Network

from ..models import Membership, MembershipStatus
from .people import visible_organisations


class MembershipFilterSet(django_filters.FilterSet):
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
        fields = ["organisation", "network", "status", "membership_type"]
