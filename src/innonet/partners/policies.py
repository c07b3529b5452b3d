"""Who sees and edits organisations."""

from typing import Any

from django.db.models import QuerySet

from innonet.core import permissions

from .models import Organisation


@permissions.register(Organisation)
class OrganisationPolicy(permissions.Policy):
    """Staff and board see all; a member user sees and edits only its own organisation."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if permissions.role_of(user) == permissions.MEMBER:
            return queryset.filter(pk=user.organisation_id)
        return queryset.none()

    def can_change(self, user: Any, obj: Organisation) -> bool:
        if permissions.is_staff(user):
            return True
        return permissions.role_of(user) == permissions.MEMBER and obj.pk == user.organisation_id
