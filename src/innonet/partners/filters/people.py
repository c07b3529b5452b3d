"""The FilterSet of people, shared by the people list and the API."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.filters import StrictBooleanFilter

from ..models import Affiliation, Consent, ConsentPurpose, Organisation, Person


def visible_organisations(request: Any) -> QuerySet:
    """Only organisations the user may see are offered (and accepted) as a filter value."""
    user = getattr(request, "user", None)
    return permissions.visible(user, Organisation.objects.only("pk", "name"))


def granted_now(purpose: str) -> Exists:
    """The person has a consent for `purpose` whose newest entry (per organisation) grants it."""
    keyed = Consent.objects.annotate(org_key=Coalesce("organisation_id", Value(0)))
    superseded = keyed.filter(
        person=OuterRef("person"),
        purpose=OuterRef("purpose"),
        org_key=OuterRef("org_key"),
    ).filter(
        Q(recorded_at__gt=OuterRef("recorded_at"))
        | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
    )
    current_grants = keyed.filter(person=OuterRef("pk"), purpose=purpose, granted=True).exclude(
        Exists(superseded)
    )
    return Exists(current_grants.values("pk"))


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=100)
    organisation_name = django_filters.CharFilter(
        method="filter_organisation_name", label=_("organisation"), max_length=100
    )
    # By id for links and the API; a hidden field on the page (a select box would list
    # every organisation of the registry).
    organisation = django_filters.ModelChoiceFilter(
        queryset=visible_organisations,
        method="filter_organisation",
        label=_("organisation"),
        widget=forms.HiddenInput,
    )
    consent = django_filters.ChoiceFilter(
        choices=ConsentPurpose.choices, method="filter_consent", label=_("consent given for")
    )
    language = django_filters.ChoiceFilter(
        choices=Person._meta.get_field("language").choices, label=_("language")
    )
    erased = StrictBooleanFilter(method="filter_erased", label=_("erased people"))

    class Meta:
        model = Person
        fields = ["q", "organisation_name", "organisation", "consent", "language", "erased"]

    def __init__(self, data: Any = None, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        super().__init__(data, queryset, **kwargs)
        if not self.is_bound:
            self.queryset = self.queryset.filter(erased_at__isnull=True)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Erased people are left out unless asked for explicitly."""
        if self.form.cleaned_data.get("erased") in (None, ""):
            queryset = queryset.filter(erased_at__isnull=True)
        return super().filter_queryset(queryset)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_organisation(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """People with a role (current or past) at the organisation, each listed once."""
        if value is None:
            return queryset
        at_organisation = Affiliation.objects.filter(organisation=value).values("person_id")
        return queryset.filter(pk__in=at_organisation)

    def filter_organisation_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """People with a role at an organisation whose name matches (German folding)."""
        if not value:
            return queryset
        organisations = Organisation.objects.search(value).values("pk")
        at = Affiliation.objects.filter(organisation__in=organisations).values("person_id")
        return queryset.filter(pk__in=at)

    def filter_consent(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(granted_now(value)) if value else queryset

    def filter_erased(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(erased_at__isnull=not value)
