"""Who sees and edits users and API tokens."""

from typing import Any

from django.db.models import QuerySet

from innonet.core import permissions

from .models import ApiToken, User


@permissions.register(ApiToken)
class ApiTokenPolicy(permissions.Policy):
    """A token belongs to its user alone; staff may revoke anyone's."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.is_staff(user):
            return queryset
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset.filter(user=user)

    def can_create(self, user: Any) -> bool:
        return permissions.role_of(user) != permissions.ANONYMOUS

    def can_change(self, user: Any, obj: ApiToken) -> bool:
        return permissions.is_staff(user) or obj.user_id == getattr(user, "pk", None)

    can_delete = can_change


@permissions.register(User)
class UserPolicy(permissions.Policy):
    """Staff manage accounts; everyone else sees only their own."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.is_staff(user):
            return queryset
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset.filter(pk=user.pk)
