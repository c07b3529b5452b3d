"""Who sees and edits networks."""

from typing import Any

from django.db.models import QuerySet

from innonet.core import permissions

from .models import Network, NetworkAgreement


@permissions.register(Network)
class NetworkPolicy(permissions.Policy):
    """Networks are listed for every signed-in user; a manager edits only its own network."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset

    def can_change(self, user: Any, obj: Network) -> bool:
        if permissions.is_staff(user):
            return True
        return (
            permissions.role_of(user) == permissions.NETWORK_MANAGER and obj.pk == user.network_id
        )


@permissions.register(NetworkAgreement)
class NetworkAgreementPolicy(permissions.Policy):
    """Agreements are the office's: staff keep them, the board reads them."""
