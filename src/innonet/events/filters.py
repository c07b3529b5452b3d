"""FilterSets of the events app, one per model, each serving the page, its export and the
API with the same parameter names: formats, events (the calendar) and registrations."""

from datetime import UTC
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from innonet.core import permissions
from innonet.core.filters import StrictBooleanFilter
from innonet.core.models import Ris3Field
from innonet.networks.models import Network

from .models import Event, EventStatus, EventVisibility, Format, Registration, RegistrationStatus

__all__ = ["EventFilterSet", "FormatFilterSet", "RegistrationFilterSet"]

SEARCH_WORDS = 8


class FormatFilterSet(django_filters.FilterSet):
    """The format catalogue: search in name and goal, network, shared, in use."""

    q = django_filters.CharFilter(
        method="filter_search", label=_("Search in name and goal"), max_length=200
    )
    network = django_filters.ModelChoiceFilter(queryset=Network.objects.all(), label=_("network"))
    is_shared = StrictBooleanFilter(label=_("shared with partner networks"))
    is_active = StrictBooleanFilter(label=_("in use"))

    class Meta:
        model = Format
        fields = ["q", "network", "is_shared", "is_active"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(goal__icontains=value))


class _MomentField(IsoDateTimeField):
    """ISO 8601 within 1900-2200, passed on in UTC (the database refuses odd offsets)."""

    def to_python(self, value: Any) -> Any:
        moment = super().to_python(value)
        if moment is None:
            return None
        if not 1900 <= moment.year <= 2200:
            raise forms.ValidationError(_("Please enter a date between 1900 and 2200."))
        return moment.astimezone(UTC)


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = _MomentField


class EventFilterSet(django_filters.FilterSet):
    """The calendar page and the API: search, organising network (`organiser`, also when it
    co-organises), RIS3 field, past or upcoming; the API also by state, dates and format."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    ris3_field = django_filters.ModelChoiceFilter(
        queryset=Ris3Field.objects.all(),
        method="filter_ris3_field",
        label=_("RIS3 field"),
        empty_label=_("all"),
    )
    organiser = django_filters.ModelChoiceFilter(
        queryset=Network.objects.all(),
        method="filter_organiser",
        label=_("organising network"),
        empty_label=_("all"),
    )
    past = StrictBooleanFilter(method="filter_past", label=_("Past events"))
    status = django_filters.ChoiceFilter(choices=EventStatus.choices, label=_("status"))
    visibility = django_filters.ChoiceFilter(choices=EventVisibility.choices, label=_("visibility"))
    starts_after = MomentFilter(
        field_name="starts_at", lookup_expr="gte", label=_("starts at or after")
    )
    starts_before = MomentFilter(field_name="starts_at", lookup_expr="lt", label=_("starts before"))
    format_id = django_filters.ModelChoiceFilter(
        queryset=Format.objects.all(), field_name="format", label=_("format")
    )

    class Meta:
        model = Event
        fields = [
            "q", "ris3_field", "organiser", "past", "status", "visibility", "starts_after",
            "starts_before", "format_id",
        ]  # fmt: skip

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word in the title, the summary or the venue."""
        for word in value.split()[:SEARCH_WORDS]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(venue__icontains=word)
            )
        return queryset

    def filter_ris3_field(self, queryset: QuerySet, name: str, value: Ris3Field) -> QuerySet:
        """A subquery, not a join: each event stays once without DISTINCT."""
        if value is None:
            return queryset
        through = Event.ris3_fields.through.objects.filter(ris3field=value)
        return queryset.filter(pk__in=through.values("event_id"))

    def filter_organiser(self, queryset: QuerySet, name: str, value: Network) -> QuerySet:
        """Events the network organises or co-organises."""
        if value is None:
            return queryset
        co_organised = Event.co_organisers.through.objects.filter(network=value).values("event_id")
        return queryset.filter(Q(organiser=value) | Q(pk__in=co_organised))

    def filter_past(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        """true: events that have ended; false: events still to come or running."""
        if value is None:
            return queryset
        now = timezone.now()
        return queryset.past(now) if value else queryset.upcoming(now)


class RegistrationFilterSet(django_filters.FilterSet):
    """An event's registration list, its export and the API: search by name, e-mail address
    or organisation, event, status, checked in or not."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    event = django_filters.ModelChoiceFilter(
        queryset=lambda request: permissions.visible(request.user, Event.objects.all()),
        label=_("event"),
    )
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
        fields = ["q", "event", "status", "checked_in"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_checked_in(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "yes":
            return queryset.filter(attended_at__isnull=False)
        if value == "no":
            return queryset.filter(attended_at__isnull=True)
        return queryset
