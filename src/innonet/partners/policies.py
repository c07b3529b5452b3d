"""Who sees and edits the partner registry.

Staff see and change everything, the board reads everything. A member user sees and edits its
own organisation with its units and people. A partner-network manager sees the organisations
that are members of its network. The office's interaction notes are internal.
"""

from typing import Any

from django.db.models import QuerySet

from innonet.core import permissions

from .models import (
    Affiliation,
    Consent,
    ContactRequest,
    Interaction,
    InternationalActivity,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
    Unit,
)
from .rules import ORGANISATION_MEMBER_FIELDS


def _member_org(user: Any) -> int | None:
    return user.organisation_id if permissions.role_of(user) == permissions.MEMBER else None


def _manager_network(user: Any) -> int | None:
    if permissions.role_of(user) == permissions.NETWORK_MANAGER:
        return user.network_id
    return None


class _ByOrganisation(permissions.Policy):
    """Rows that belong to an organisation through `organisation_path`."""

    organisation_path = "organisation"
    members_may_change = True
    managers_may_view = True

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if (organisation := _member_org(user)) is not None:
            return queryset.filter(**{f"{self.organisation_path}_id": organisation})
        if self.managers_may_view and (network := _manager_network(user)) is not None:
            lookup = f"{self.organisation_path}__memberships__network_id"
            return queryset.filter(**{lookup: network}).distinct()
        return queryset.none()

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or (
            self.members_may_change and _member_org(user) is not None
        )

    def can_change(self, user: Any, obj: Any) -> bool:
        if permissions.is_staff(user):
            return True
        organisation = _member_org(user)
        return (
            self.members_may_change
            and organisation is not None
            and self._organisation_id(obj) == organisation
        )

    can_delete = can_change

    def _organisation_id(self, obj: Any) -> int | None:
        target = obj
        for part in self.organisation_path.split("__"):
            target = getattr(target, part)
        return target.pk


@permissions.register(Organisation)
class OrganisationPolicy(_ByOrganisation):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if (organisation := _member_org(user)) is not None:
            return queryset.filter(pk=organisation)
        if (network := _manager_network(user)) is not None:
            return queryset.filter(memberships__network_id=network).distinct()
        return queryset.none()

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user)

    def can_delete(self, user: Any, obj: Any) -> bool:
        return permissions.is_staff(user)

    def writable_fields(self, user: Any, obj: Any) -> frozenset[str] | None:
        """Members keep their organisation's profile; identity and SME figures are the
        office's (partners.rules.ORGANISATION_MEMBER_FIELDS)."""
        return None if permissions.is_staff(user) else ORGANISATION_MEMBER_FIELDS

    def _organisation_id(self, obj: Any) -> int | None:
        return obj.pk


@permissions.register(Unit)
class UnitPolicy(_ByOrganisation):
    pass


@permissions.register(Affiliation)
class AffiliationPolicy(_ByOrganisation):
    managers_may_view = False


@permissions.register(Person)
class PersonPolicy(permissions.Policy):
    """People are personal data: members see their own organisation's people only."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if (organisation := _member_org(user)) is not None:
            return queryset.filter(affiliations__organisation_id=organisation).distinct()
        return queryset.none()

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or _member_org(user) is not None

    def can_change(self, user: Any, obj: Person) -> bool:
        if permissions.is_staff(user):
            return True
        organisation = _member_org(user)
        return (
            organisation is not None
            and obj.affiliations.filter(organisation_id=organisation).exists()
        )


@permissions.register(Membership)
class MembershipPolicy(_ByOrganisation):
    members_may_change = False

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if (network := _manager_network(user)) is not None:
            return queryset.filter(network_id=network)
        return super().scope(user, queryset)


@permissions.register(MembershipStatusChange)
class MembershipStatusChangePolicy(MembershipPolicy):
    organisation_path = "membership__organisation"

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if (network := _manager_network(user)) is not None:
            return queryset.filter(membership__network_id=network)
        return _ByOrganisation.scope(self, user, queryset)


@permissions.register(Consent)
class ConsentPolicy(permissions.Policy):
    """Consents: the office records them; the board reads them."""


@permissions.register(Interaction)
class InteractionPolicy(permissions.Policy):
    """The office's own notes: staff write, the board reads, partners never see them."""


@permissions.register(InternationalActivity)
class InternationalActivityPolicy(permissions.Policy):
    """The office's international work: staff write, the board reads, partners never see it."""


@permissions.register(ContactRequest)
class ContactRequestPolicy(permissions.Policy):
    """Members' requests for contact through the office: members create them (through the
    member directory, see services.contact_request_create); the office handles them, the board
    reads them."""

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or _member_org(user) is not None
