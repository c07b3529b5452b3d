"""FilterSets of matchmaking, one per model, each serving the page and the API with the same
parameter names: introductions and cooperation profiles."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.models import Competence, Ris3Field
from innonet.partners.models import Organisation

from .models import CooperationProfile, Introduction, IntroductionStatus, ProfileKind, ProfileStatus

__all__ = ["IntroductionFilterSet", "ProfileFilterSet", "profile_page_fields"]


class IntroductionFilterSet(django_filters.FilterSet):
    """Search in the topic, filter by status and by either organisation's name."""

    q = django_filters.CharFilter(
        field_name="topic", lookup_expr="icontains", label=_("Search in topic"), max_length=100
    )
    status = django_filters.ChoiceFilter(choices=IntroductionStatus.choices, label=_("status"))
    organisation = django_filters.CharFilter(
        method="filter_organisation", label=_("organisation"), max_length=100
    )

    class Meta:
        model = Introduction
        fields = ["q", "status", "organisation"]

    def filter_organisation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Introductions where either side's name matches (German folding)."""
        if not value:
            return queryset
        matching = Organisation.objects.search(value).values("pk")
        return queryset.filter(
            Q(first_organisation__in=matching) | Q(second_organisation__in=matching)
        )


class ProfileFilterSet(django_filters.FilterSet):
    """The profile list and the API: search text, kind, status, RIS3 field, competence and
    "only mine". Filters only ever narrow what the policy shows; the page offers status and
    "only mine" only to the roles for whom they narrow much (`profile_page_fields`)."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    kind = django_filters.ChoiceFilter(choices=ProfileKind.choices, label=_("kind"))
    status = django_filters.ChoiceFilter(choices=ProfileStatus.choices, label=_("status"))
    ris3_field = django_filters.ModelChoiceFilter(
        queryset=Ris3Field.objects.filter(is_active=True).order_by(german_order("name")),
        method="filter_ris3_field",
        label=_("RIS3 field"),
    )
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.filter(is_active=True).order_by(german_order("name")),
        method="filter_competence",
        label=_("competence"),
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("only mine"), widget=forms.CheckboxInput
    )

    class Meta:
        model = CooperationProfile
        fields = ["q", "kind", "status", "ris3_field", "competence", "mine"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_ris3_field(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """A subquery, not a join: each profile stays once without DISTINCT."""
        if value is None:
            return queryset
        through = CooperationProfile.ris3_fields.through.objects.filter(ris3field=value)
        return queryset.filter(pk__in=through.values("cooperationprofile_id"))

    def filter_competence(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        through = CooperationProfile.competences.through.objects.filter(competence=value)
        return queryset.filter(pk__in=through.values("cooperationprofile_id"))

    def filter_mine(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        """Members: their organisation's profiles; staff: the profiles they created."""
        if not value:
            return queryset
        user = self.request.user
        if not user.is_authenticated:
            return queryset.none()
        if permissions.role_of(user) == permissions.MEMBER:
            return queryset.filter(organisation_id=user.organisation_id)
        return queryset.filter(created_by=user)


def profile_page_fields(user: Any) -> list[str]:
    """The profile filters the page offers this user: status only to those who see more than
    active profiles, "only mine" to members and staff."""
    fields = ["q", "kind", "ris3_field", "competence"]
    role = permissions.role_of(user)
    if permissions.reads_everything(user) or role == permissions.MEMBER:
        fields.insert(2, "status")
    if role in (permissions.MEMBER, permissions.STAFF):
        fields.append("mine")
    return fields
