"""Base view sets: querysets scoped by core.permissions, so others' rows answer 404."""

from rest_framework import viewsets

from innonet.core import permissions
from innonet.core.rest.fields import attach_related_ids


class ScopedViewSetMixin:
    """Rows scoped to the user. `related_ids` names many-to-many relations that a list page
    shows as id lists: they are read as ids for the page's rows (one query each) instead of
    being prefetched as model instances."""

    related_ids: tuple[str, ...] = ()

    def get_queryset(self):
        return permissions.visible(self.request.user, super().get_queryset())

    def paginate_queryset(self, queryset):
        if self.related_ids:
            kept = [
                lookup
                for lookup in queryset._prefetch_related_lookups
                if getattr(lookup, "prefetch_to", lookup) not in self.related_ids
            ]
            queryset = queryset.prefetch_related(None).prefetch_related(*kept)
        page = super().paginate_queryset(queryset)
        if page is not None and self.related_ids:
            attach_related_ids(page, self.related_ids)
        return page


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]+"
