"""FilterSets shared by the taxonomy pages and the API, the strict boolean filter, and how a
page shows a FilterSet that the API shares."""

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .descriptions import mail_kind_label
from .forms import DateInput, label_empty_choices
from .models import Competence, Country, District, MailStatus, OutgoingMail, Ris3Field


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """true or false; anything else is a validation error rather than silently ignored."""

    def __init__(self, *args, empty_label=None, **kwargs):
        choices = [("true", _("yes")), ("false", _("no"))]
        if empty_label is not None:  # page forms: an explicit "all" choice first
            choices.insert(0, ("", empty_label))
        kwargs.setdefault("choices", choices)
        kwargs.setdefault("coerce", lambda value: value == "true")
        kwargs.setdefault("empty_value", None)
        super().__init__(*args, **kwargs)


class TrueCheckbox(forms.CheckboxInput):
    """A page's checkbox for a StrictBooleanFilter: ticked, it sends `true`, as the API does
    (and a browser's default `on`, from older links, counts as `true`)."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, check_test=lambda value: value in (True, "true"))

    def format_value(self, value: Any) -> str:
        return "true"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = data.get(name)
        return "true" if value == "on" else value


def page_filters(form: forms.Form, shown: Iterable[str], *, checkboxes: Iterable[str] = ()) -> None:
    """Offer the `shown` filters of a shared FilterSet on a page, with Bootstrap's classes; the
    others stay in the form as hidden fields, so a link that uses them still filters."""
    shown, checkboxes = set(shown), set(checkboxes)
    label_empty_choices(form, in_filter=True)
    for name, field in form.fields.items():
        if name in checkboxes:
            field.widget = TrueCheckbox(attrs={"class": "form-check-input"})
        elif name not in shown:
            field.widget = forms.HiddenInput()
        elif isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs["class"] = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select"
        else:
            field.widget.attrs["class"] = "form-control"


class TaxonomyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", max_length=100)
    is_active = StrictBooleanFilter()


class Ris3FieldFilterSet(TaxonomyFilterSet):
    class Meta:
        model = Ris3Field
        fields = ["is_active"]


class CompetenceFilterSet(TaxonomyFilterSet):
    class Meta:
        model = Competence
        fields = ["is_active", "parent"]


class DistrictFilterSet(TaxonomyFilterSet):
    class Meta:
        model = District
        fields = ["is_active", "area", "state"]


class CountryFilterSet(TaxonomyFilterSet):
    q = django_filters.CharFilter(method="filter_search", max_length=100)
    is_eu = StrictBooleanFilter()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """German and English name, and the ISO code."""
        return queryset.filter(
            Q(name__icontains=value) | Q(name_en__icontains=value) | Q(code__iexact=value)
        )

    class Meta:
        model = Country
        fields = ["is_active", "is_eu"]


class OutgoingMailFilterSet(django_filters.FilterSet):
    """The outbox page: address or subject, status, kind of mail, queued from/until."""

    q = django_filters.CharFilter(
        method="filter_search", max_length=100, label=_("Address or subject")
    )
    status = django_filters.ChoiceFilter(choices=MailStatus.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(label=_("Kind"), choices=[])
    queued_from = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Queued from"), widget=DateInput()
    )
    queued_until = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("Queued until"),
        widget=DateInput(),
    )

    class Meta:
        model = OutgoingMail
        fields = ["status", "category"]

    def __init__(self, *args: Any, categories: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = [
            (name, mail_kind_label(name)) for name in categories
        ]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(to_address__icontains=value.strip()) | Q(subject__icontains=value.strip())
        )
