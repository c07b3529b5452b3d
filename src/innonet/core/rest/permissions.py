"""API permissions: token scope, then the object policy from core.permissions."""

from rest_framework import permissions as drf

from innonet.core import permissions


class RoleObjectPermission(drf.BasePermission):
    """Signed-in users only; read-only tokens never write; objects follow their Policy."""

    message = None

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return getattr(view, "public_read", False) and request.method in drf.SAFE_METHODS
        # request.auth is the ApiToken (accounts) for token requests, None for sessions.
        read_only = getattr(request.auth, "read_only", False)
        if read_only and request.method not in drf.SAFE_METHODS:
            return False
        if request.method in drf.SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "create" or request.method == "POST":
            model = getattr(getattr(view, "queryset", None), "model", None)
            return model is None or permissions.can_create(request.user, model)
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in drf.SAFE_METHODS:
            return True  # visibility is already enforced by the scoped queryset (404)
        if request.method == "DELETE":
            return permissions.can_delete(request.user, obj)
        return permissions.can_change(request.user, obj)
