"""FilterSets of innovation projects: one for the list page, its export and the API, and the
board's smaller one (owner, RIS3 field, programme)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core.models import Ris3Field

from .models import FundingCall, FundingProgramme, InnovationProject
from .models.projects import CONFIDENTIALITY_CHOICES, STAGE_CHOICES


def _staff_users(request: object = None) -> QuerySet:
    return User.objects.filter(role=Role.STAFF, is_active=True).order_by("full_name", "email")


class BoardFilterSet(django_filters.FilterSet):
    """The board shows every stage as a column; it filters by owner, RIS3 field, programme."""

    owner = django_filters.ModelChoiceFilter(queryset=_staff_users, label=_("owner"))
    ris3_field = django_filters.ModelChoiceFilter(
        queryset=Ris3Field.objects.all(), method="filter_ris3_field", label=_("RIS3 field")
    )
    programme = django_filters.ModelChoiceFilter(
        queryset=FundingProgramme.objects.all(), label=_("funding programme")
    )

    class Meta:
        model = InnovationProject
        fields = ["owner", "ris3_field", "programme"]

    def filter_ris3_field(self, queryset: QuerySet, name: str, value: Ris3Field) -> QuerySet:
        """A subquery, not a join: each project stays once without DISTINCT."""
        if value is None:
            return queryset
        through = InnovationProject.ris3_fields.through.objects.filter(ris3field=value)
        return queryset.filter(pk__in=through.values("innovationproject_id"))


class ProjectFilterSet(BoardFilterSet):
    """The list, its export and the API: search (German folding), stage, owner, programme,
    call, RIS3 field and confidentiality."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    stage = django_filters.ChoiceFilter(choices=STAGE_CHOICES, label=_("stage"))
    call = django_filters.ModelChoiceFilter(
        queryset=FundingCall.objects.select_related("programme"), label=_("funding call")
    )
    confidentiality = django_filters.ChoiceFilter(
        choices=CONFIDENTIALITY_CHOICES, label=_("confidentiality")
    )

    class Meta:
        model = InnovationProject
        fields = ["q", "stage", "owner", "programme", "call", "ris3_field", "confidentiality"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset
