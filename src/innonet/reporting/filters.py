"""FilterSets of reporting: the issued funder's reports, shared by their page and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.networks.models import Network

from .models import IssuedReport, ReportKind

__all__ = ["IssuedReportFilterSet"]

ALL_NETWORKS = "all"


def _network_choices() -> list[tuple[str, str]]:
    return [(ALL_NETWORKS, str(_("all networks together")))] + [
        (str(pk), name) for pk, name in Network.objects.values_list("pk", "name")
    ]


class IssuedReportFilterSet(django_filters.FilterSet):
    """Search in the network's name or a year, the year the period touches, the network (or the
    reports over all networks) and the status."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    year = django_filters.NumberFilter(
        method="filter_year", label=_("year"), min_value=1990, max_value=2100
    )
    network = django_filters.ChoiceFilter(
        choices=_network_choices, method="filter_network", label=_("network")
    )
    status = django_filters.ChoiceFilter(choices=IssuedReport.Status.choices, label=_("status"))
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label=_("kind of report"))

    class Meta:
        model = IssuedReport
        fields = ["q", "year", "network", "status", "kind"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q(network_name__icontains=value)
        if value.isdigit() and len(value) == 4:
            year = int(value)
            condition |= Q(period_start__year__lte=year, period_end__year__gte=year)
        return queryset.filter(condition)

    def filter_year(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(period_start__year__lte=year, period_end__year__gte=year)

    def filter_network(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        if value == ALL_NETWORKS:
            return queryset.filter(network__isnull=True)
        return queryset.filter(network_id=int(value))
