"""FilterSets of news and knowledge articles, each serving the page and the API with the same
parameter names: a German search, tag, RIS3 field, competence, and the archive's year and
month. Filters only ever narrow what the policy shows."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.filters import StrictBooleanFilter
from innonet.core.models import Competence, Ris3Field

from .models import Audience, KnowledgeArticle, News, Tag

__all__ = ["ArticleFilterSet", "NewsFilterSet", "page_fields"]

FIRST_YEAR, LAST_YEAR = 2000, 2100


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (a year, a month); anything else is a validation error."""

    field_class = forms.IntegerField


class _PublicationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search"), max_length=200)
    tag = django_filters.ModelChoiceFilter(
        queryset=Tag.objects.order_by(german_order("name")),
        method="filter_tag",
        label=_("tag"),
    )
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
    year = IntegerFilter(
        field_name="published_at",
        lookup_expr="year",
        label=_("year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    month = IntegerFilter(
        field_name="published_at",
        lookup_expr="month",
        label=_("month"),
        min_value=1,
        max_value=12,
    )
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("visible to"))
    published = StrictBooleanFilter(
        method="filter_published", label=_("published"), empty_label=_("all")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offer (and accept) only the tags of items the user may read: a draft's tags are
        # the office's, not the public's.
        model = self._meta.model
        user = getattr(self.request, "user", None)
        readable = permissions.visible(user, model.objects.all()).values("pk")
        owner = f"{model._meta.model_name}_id"
        used = model.tags.through.objects.filter(**{f"{owner}__in": readable}).values("tag_id")
        self.filters["tag"].queryset = Tag.objects.filter(pk__in=used).order_by(
            german_order("name")
        )

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset

    def _through(self, queryset: QuerySet, field: str, column: str, value: Any) -> QuerySet:
        """A subquery, not a join: each item stays once without DISTINCT."""
        if value is None:
            return queryset
        model = queryset.model
        through = getattr(model, field).through
        owner = f"{model._meta.model_name}_id"
        rows = through.objects.filter(**{column: value}).values(owner)
        return queryset.filter(pk__in=rows)

    def filter_tag(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return self._through(queryset, "tags", "tag", value)

    def filter_ris3_field(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return self._through(queryset, "ris3_fields", "ris3field", value)

    def filter_competence(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return self._through(queryset, "competences", "competence", value)

    def filter_published(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.published() if value else queryset.drafts()


class NewsFilterSet(_PublicationFilterSet):
    class Meta:
        model = News
        fields = ["q", "tag", "ris3_field", "competence", "year", "month", "audience", "published"]


class ArticleFilterSet(_PublicationFilterSet):
    class Meta:
        model = KnowledgeArticle
        fields = ["q", "tag", "ris3_field", "competence", "year", "month", "audience", "published"]


def page_fields(*, staff_list: bool = False) -> list[str]:
    """The filters a page offers; the others stay as hidden fields, so links using them work.
    Readers filter by topic; the office's list also by audience and publication."""
    fields = ["q", "tag", "ris3_field", "competence"]
    if staff_list:
        fields += ["audience", "published"]
    return fields
