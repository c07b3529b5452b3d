"""Base view sets: querysets scoped by core.permissions, so others' rows answer 404."""

from rest_framework import viewsets

from innonet.core import permissions


class ScopedViewSetMixin:
    def get_queryset(self):
        return permissions.visible(self.request.user, super().get_queryset())


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]+"
