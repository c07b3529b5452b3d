"""View mixins: role gates and object scoping through core.permissions."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from innonet.core import permissions


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the login; signed-in users without one of `roles` get 403."""

    roles: tuple[str, ...] = (permissions.STAFF,)
    raise_exception = False

    def dispatch(self, request, *args, **kwargs):
        role = permissions.role_of(request.user)
        if role == permissions.ANONYMOUS:
            return self.handle_no_permission()
        if role not in self.roles:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(RoleRequiredMixin):
    roles = (permissions.STAFF,)


class ReadersRequiredMixin(RoleRequiredMixin):
    """Staff and board: those who read everything."""

    roles = (permissions.STAFF, permissions.BOARD)


class SignedInMixin(RoleRequiredMixin):
    roles = (permissions.MEMBER, permissions.NETWORK_MANAGER, permissions.BOARD, permissions.STAFF)


class ScopedObjectMixin:
    """List and detail views see only what the policy lets the user see; others answer 404."""

    def get_queryset(self):
        return permissions.visible(self.request.user, super().get_queryset())


def get_visible_or_404(user, queryset, **lookup):
    try:
        return permissions.visible(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
