"""The FilterSet of the office's subscriber list."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.models import Ris3Field

from ..models import Subscription, SubscriptionStatus, Topic


class SubscriptionFilterSet(django_filters.FilterSet):
    """Search (address or name), status, topic and RIS3 field."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    status = django_filters.ChoiceFilter(choices=SubscriptionStatus.choices, label=_("status"))
    topic = django_filters.ChoiceFilter(
        choices=Topic.choices, method="filter_topic", label=_("topic")
    )
    ris3_field = django_filters.ModelChoiceFilter(
        field_name="ris3_fields", queryset=Ris3Field.objects.all(), label=_("RIS3 field")
    )

    class Meta:
        model = Subscription
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for term in value.split()[:10]:
            queryset = queryset.filter(Q(email__icontains=term) | Q(name__icontains=term))
        return queryset

    def filter_topic(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Topics are a short JSON list; a subscriber without topics reads everything.
        rows = queryset.values_list("pk", "topics")
        ids = [pk for pk, topics in rows if not topics or value in topics]
        return queryset.filter(pk__in=ids)
