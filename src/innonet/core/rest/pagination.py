from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _positive_int_param(request, name: str) -> None:
    """A page parameter, if given, is one positive whole number; anything else is an error."""
    values = request.query_params.getlist(name)
    if not values:
        return
    raw = values[0]
    if len(values) > 1 or not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
        raise ValidationError({name: [_("Expected a positive whole number.")]})


class Pagination(PageNumberPagination):
    """Page numbers with a client-chosen page size; malformed values are errors, not ignored."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int_param(request, self.page_query_param)
        _positive_int_param(request, self.page_size_query_param)
        return super().paginate_queryset(queryset, request, view)
