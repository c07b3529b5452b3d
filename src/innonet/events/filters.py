"""FilterSets of the events app: the registrations of one event (office list and export)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Registration, RegistrationStatus


class RegistrationFilterSet(django_filters.FilterSet):
    """Search by name, e-mail address or organisation; status; checked in or not."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices, label=_("status"), empty_label=_("all")
    )
    checked_in = django_filters.ChoiceFilter(
        choices=[("yes", _("checked in")), ("no", _("not checked in"))],
        method="filter_checked_in",
        label=_("check-in"),
        empty_label=_("all"),
    )

    class Meta:
        model = Registration
        fields = ["q", "status", "checked_in"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_checked_in(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "yes":
            return queryset.filter(attended_at__isnull=False)
        if value == "no":
            return queryset.filter(attended_at__isnull=True)
        return queryset
