"""Who sees and changes cooperation profiles, suggestions and introductions.

A profile's own organisation sees and edits it in every state. Others see only active profiles
(published, still valid) as far as their visibility reaches: *public* everyone, *partner networks*
the users of the profile's network and of the networks it grants its profiles to by an agreement
in force, *own network* the staff, the board, the network's manager and the users of its active
member organisations. Suggestions are the office's working
notes. An introduction is visible to the office and to the two organisations it introduced.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from innonet.core import permissions
from innonet.networks import queries as network_queries
from innonet.networks.models import Share
from innonet.partners.models.memberships import Membership, MembershipStatus

from .models import (
    CooperationProfile,
    InterestRequest,
    Introduction,
    IntroductionOutcome,
    ProfileResponse,
    ProfileStatus,
    Suggestion,
    Visibility,
)


def _active() -> Q:
    return Q(status=ProfileStatus.PUBLISHED, valid_until__gte=timezone.localdate())


def profile_filter(user: Any) -> Q | None:
    """The profiles `user` may see as a Q (None: all of them)."""
    role = permissions.role_of(user)
    if permissions.reads_everything(user):
        return None
    public = _active() & Q(visibility=Visibility.PUBLIC)
    if role == permissions.ANONYMOUS:
        return public
    # Partner visibility reaches the profile's own network and the networks it grants its
    # profiles to by an agreement in force (networks.queries.granted), nobody else.
    partners = Q(visibility=Visibility.PARTNERS) & Q(
        network_id__in=network_queries.seen_networks(user, Share.PROFILES)
    )
    if role == permissions.MEMBER:
        # A subquery, not a join over every membership of the network: joined, each profile
        # met all of its network's memberships, which made the member's matching slow.
        own_networks = Q(
            network_id__in=Membership.objects.filter(
                organisation_id=user.organisation_id, status=MembershipStatus.ACTIVE
            ).values("network_id")
        )
        network = Q(visibility=Visibility.NETWORK) & own_networks
        return (_active() & (Q(visibility=Visibility.PUBLIC) | partners | network)) | Q(
            organisation_id=user.organisation_id
        )
    if role == permissions.NETWORK_MANAGER:
        return (_active() & (Q(visibility=Visibility.PUBLIC) | partners)) | Q(
            network_id=user.network_id
        )
    return public


@permissions.register(CooperationProfile)
class CooperationProfilePolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        allowed = profile_filter(user)
        if allowed is None:
            return queryset
        return queryset.filter(pk__in=queryset.filter(allowed).values("pk"))

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or permissions.role_of(user) == permissions.MEMBER

    def can_change(self, user: Any, obj: CooperationProfile) -> bool:
        if permissions.is_staff(user):
            return True
        return (
            permissions.role_of(user) == permissions.MEMBER
            and obj.organisation_id == user.organisation_id
        )

    can_delete = can_change


@permissions.register(Suggestion)
class SuggestionPolicy(permissions.Policy):
    """Staff rate suggestions; the board may read them."""


def _introduced(user: Any) -> Q | None:
    if permissions.reads_everything(user):
        return None
    if permissions.role_of(user) == permissions.MEMBER:
        own = user.organisation_id
        return Q(first_organisation_id=own) | Q(second_organisation_id=own)
    return Q(pk__in=[])


@permissions.register(Introduction)
class IntroductionPolicy(permissions.Policy):
    """Staff create and steer introductions; members see their own. A member asks for one
    with an InterestRequest (see services.introductions.requests)."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        allowed = _introduced(user)
        return queryset if allowed is None else queryset.filter(allowed)

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or permissions.role_of(user) == permissions.MEMBER

    def can_change(self, user: Any, obj: Introduction) -> bool:
        return permissions.is_staff(user)


@permissions.register(IntroductionOutcome)
class IntroductionOutcomePolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        allowed = _introduced(user)
        if allowed is None:
            return queryset
        return queryset.filter(introduction__in=Introduction.objects.filter(allowed))


@permissions.register(ProfileResponse)
class ProfileResponsePolicy(permissions.Policy):
    """Visitors' answers to public profiles: the office handles them, the board reads them;
    visitors write them through services.responses only."""


@permissions.register(InterestRequest)
class InterestRequestPolicy(permissions.Policy):
    """The office and the board see every request, members their own organisation's; only the
    office acts on them (plans an introduction or closes the request)."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        if permissions.role_of(user) == permissions.MEMBER:
            return queryset.filter(organisation_id=user.organisation_id)
        return queryset.none()

    def can_create(self, user: Any) -> bool:
        return permissions.role_of(user) == permissions.MEMBER

    def can_change(self, user: Any, obj: InterestRequest) -> bool:
        return permissions.is_staff(user)
