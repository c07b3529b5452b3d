"""The API's filter backend: stricter than the pages, so clients learn about typos."""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


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
