"""FilterSets of the projects app, one per model, each serving the page, its export and the
API with the same parameter names: projects (list, board and export), project partners,
funding programmes and calls."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core import permissions
from innonet.core.filters import StrictBooleanFilter
from innonet.core.models import Ris3Field
from innonet.partners.models import Organisation

from .models import FundingCall, FundingProgramme, InnovationProject, ProjectPartner
from .models.projects import CONFIDENTIALITY_CHOICES, ROLE_CHOICES, STAGE_CHOICES

__all__ = ["CallFilterSet", "PartnerFilterSet", "ProgrammeFilterSet", "ProjectFilterSet"]

# What the board offers: it shows every stage as a column.
BOARD_FILTERS = ("owner", "ris3_field", "programme")


def _staff_users(request: object = None) -> QuerySet:
    """Staff who own projects; former staff last, as their projects may still need a new owner."""
    return User.objects.filter(role=Role.STAFF).order_by("-is_active", "full_name", "email")


class ProjectFilterSet(django_filters.FilterSet):
    """The list, the board, the export and the API: search (German folding), stage, owner,
    programme, call, RIS3 field and confidentiality."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    stage = django_filters.ChoiceFilter(choices=STAGE_CHOICES, label=_("stage"))
    owner = django_filters.ModelChoiceFilter(queryset=_staff_users, label=_("owner"))
    programme = django_filters.ModelChoiceFilter(
        queryset=FundingProgramme.objects.all(), label=_("funding programme")
    )
    call = django_filters.ModelChoiceFilter(
        queryset=FundingCall.objects.select_related("programme"), label=_("funding call")
    )
    ris3_field = django_filters.ModelChoiceFilter(
        queryset=Ris3Field.objects.all(), method="filter_ris3_field", label=_("RIS3 field")
    )
    confidentiality = django_filters.ChoiceFilter(
        choices=CONFIDENTIALITY_CHOICES, label=_("confidentiality")
    )

    class Meta:
        model = InnovationProject
        fields = ["q", "stage", "owner", "programme", "call", "ris3_field", "confidentiality"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def filter_ris3_field(self, queryset: QuerySet, name: str, value: Ris3Field) -> QuerySet:
        """A subquery, not a join: each project stays once without DISTINCT."""
        if value is None:
            return queryset
        through = InnovationProject.ris3_fields.through.objects.filter(ris3field=value)
        return queryset.filter(pk__in=through.values("innovationproject_id"))


class PartnerFilterSet(django_filters.FilterSet):
    """The partners of projects: search in the organisation's name, project, organisation,
    role; projects and organisations only as far as the caller sees them."""

    q = django_filters.CharFilter(
        method="filter_search", label=_("Search in the organisation's name"), max_length=200
    )
    project = django_filters.ModelChoiceFilter(
        queryset=lambda request: permissions.visible(request.user, InnovationProject.objects.all()),
        label=_("project"),
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=lambda request: permissions.visible(request.user, Organisation.objects.all()),
        label=_("organisation"),
    )
    role = django_filters.ChoiceFilter(choices=ROLE_CHOICES, label=_("role"))

    class Meta:
        model = ProjectPartner
        fields = ["q", "project", "organisation", "role"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(organisation__in=Organisation.objects.search(value).values("pk"))


class ProgrammeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    level = django_filters.ChoiceFilter(
        choices=FundingProgramme.Level.choices, label=_("level"), empty_label=_("all")
    )
    is_active = StrictBooleanFilter(label=_("active"), empty_label=_("all"))

    class Meta:
        model = FundingProgramme
        fields = ["q", "level", "is_active"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(funder__icontains=value))


class CallFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    programme = django_filters.ModelChoiceFilter(
        queryset=FundingProgramme.objects.all(), label=_("funding programme")
    )
    is_active = StrictBooleanFilter(label=_("active"), empty_label=_("all"))
    deadline_after = django_filters.IsoDateTimeFilter(
        field_name="deadlines__due_at",
        lookup_expr="gte",
        label=_("has a deadline at or after"),
        distinct=True,
    )

    class Meta:
        model = FundingCall
        fields = ["q", "programme", "is_active", "deadline_after"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(topics__icontains=value))
