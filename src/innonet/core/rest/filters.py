"""The API's filter backends: stricter than the pages, so clients learn about typos.

Searching is the FilterSet's `q` parameter on every list (the same name as on the pages);
DRF's own `search` parameter is not offered, so nothing documented is ever ignored.
"""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from ..collation import german_order

# Text fields the API sorts in German order ("Bäckerei" before "Bildungszentrum"), as the pages.
GERMAN_TEXT_FIELDS = frozenset({"name", "title", "last_name", "first_name", "funder"})


class StrictFilterBackend(DjangoFilterBackend):
    """An empty or repeated filter parameter is an error in the API (pages treat it as 'all')."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            errors = {}
            for name in filterset_class.base_filters:
                values = request.query_params.getlist(name)
                if len(values) > 1:
                    errors[name] = [_("Give this parameter once.")]
                elif values and values[0].strip() == "":
                    errors[name] = [_("This parameter may not be empty.")]
            if errors:
                raise ValidationError(errors)
        return kwargs


class StrictOrderingFilter(OrderingFilter):
    """`ordering` names fields the list offers (with `-` for descending); an unknown field is
    a 400 instead of being silently dropped. Names and titles sort in German order."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        return queryset.order_by(
            *(
                german_order(term) if term.lstrip("-") in GERMAN_TEXT_FIELDS else term
                for term in ordering
            )
        )

    def get_ordering(self, request, queryset, view):
        params = request.query_params.getlist(self.ordering_param)
        if len(params) > 1:
            raise ValidationError({self.ordering_param: [_("Give this parameter once.")]})
        if params:
            fields = [term.strip() for term in params[0].split(",") if term.strip()]
            valid = self.remove_invalid_fields(queryset, fields, view, request)
            if not fields or len(valid) != len(fields):
                allowed = ", ".join(
                    name
                    for name, _label in self.get_valid_fields(queryset, view, {"request": request})
                )
                raise ValidationError(
                    {self.ordering_param: [_("Sort by one of: %(fields)s.") % {"fields": allowed}]}
                )
        return super().get_ordering(request, queryset, view)
