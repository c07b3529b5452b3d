"""The organisation FilterSet, shared by the registry page, the export and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.models import Competence, District, Ris3Field
from innonet.networks.models import Network

from ..models import Membership, MembershipStatus, Organisation, Unit
from ..models.organisations import SME_CLASS_CHOICES


class OrganisationFilterSet(django_filters.FilterSet):
    """Search (German folding), kind, SME class, district, RIS3 field, competence, and a
    membership filter: status and network apply to the same membership when both are given."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices, label=_("kind"))
    sme_class = django_filters.ChoiceFilter(choices=SME_CLASS_CHOICES, label=_("SME class"))
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.all(), label=_("district")
    )
    ris3_field = django_filters.ModelChoiceFilter(
        queryset=Ris3Field.objects.all(), field_name="ris3_fields", label=_("RIS3 field")
    )
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.all(),
        method="filter_competence",
        label=_("competence"),
    )
    membership_status = django_filters.ChoiceFilter(
        choices=MembershipStatus.choices, method="filter_noop", label=_("membership status")
    )
    network = django_filters.ModelChoiceFilter(
        queryset=Network.objects.all(), method="filter_noop", label=_("network")
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "sme_class", "district", "ris3_field", "competence"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_competence(self, queryset: QuerySet, name: str, value: Competence) -> QuerySet:
        """The competence held by the organisation itself or by one of its units."""
        if value is None:
            return queryset
        through_units = Unit.objects.filter(competences=value).values("organisation_id")
        own = Organisation.competences.through.objects.filter(competence=value).values(
            "organisation_id"
        )
        return queryset.filter(Q(pk__in=own) | Q(pk__in=through_units))

    def filter_noop(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("membership_status")
        network = self.form.cleaned_data.get("network")
        if status or network:
            memberships = Membership.objects.all()
            if status:
                memberships = memberships.filter(status=status)
            if network:
                memberships = memberships.filter(network=network)
            # A subquery rather than a join keeps each organisation once without DISTINCT.
            queryset = queryset.filter(pk__in=memberships.values("organisation_id"))
        return queryset
