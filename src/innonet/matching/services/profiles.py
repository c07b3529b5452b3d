"""Create, change, publish, withdraw and renew cooperation profiles.

Every write runs in one transaction and leaves one audit entry `matching.profile.<action>`.
Rules shared by the pages and the API live here: the unit and the contact person belong to the
organisation, a profile runs at most a year (as in the Enterprise Europe Network), members post
only for their own organisation, and a save based on stale data is refused with the current
record.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions, versioning
from innonet.core.dates import short_date
from innonet.core.errors import DomainError
from innonet.networks.models import Network
from innonet.partners.models import Affiliation, Organisation
from innonet.partners.models.memberships import MembershipStatus

from ..models import CooperationProfile, ProfileStatus

__all__ = [
    "PROFILE_VALIDITY_DAYS",
    "RENEWAL_WINDOW_DAYS",
    "expiring_profiles",
    "max_valid_until",
    "profile_create",
    "profile_publish",
    "profile_renew",
    "profile_update",
    "profile_withdraw",
]

PROFILE_VALIDITY_DAYS = 365
RENEWAL_WINDOW_DAYS = 60

SCALAR_FIELDS = (
    "kind", "unit", "network", "contact", "title", "summary", "description", "advantages",
    "development_stage", "ip_status", "partner_sought", "partner_role", "cooperation_types",
    "keywords", "visibility", "valid_until",
)  # fmt: skip
MANY_FIELDS = ("competences", "ris3_fields")
FIELDS = SCALAR_FIELDS + MANY_FIELDS
EDITABLE_FIELDS = frozenset(FIELDS)


def max_valid_until(today: date | None = None) -> date:
    """The last day a profile saved or renewed today may run to."""
    return (today or timezone.localdate()) + timedelta(days=PROFILE_VALIDITY_DAYS)


def expiring_profiles(days: int, *, today: date | None = None) -> Any:
    """Published profiles that are still valid today but end within `days` days."""
    today = today or timezone.localdate()
    return CooperationProfile.objects.filter(
        status=ProfileStatus.PUBLISHED,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=days),
    )


def _check_fields(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Fields that cannot be set on a profile: {', '.join(sorted(unknown))}")


def _stripped(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}


def _check_author(organisation: Organisation, acting_user: User | None) -> None:
    """Members post for their own organisation; other signed-in roles only as staff."""
    if acting_user is None or not acting_user.is_authenticated or permissions.is_staff(acting_user):
        return
    if (
        permissions.role_of(acting_user) != permissions.MEMBER
        or acting_user.organisation_id != organisation.pk
    ):
        raise DomainError(
            _("You can only post profiles for your own organisation."), field="organisation"
        )


def _check_network(profile: CooperationProfile, acting_user: User | None) -> None:
    """No network means the host network; members choose only networks they belong to."""
    if profile.network_id is None:
        host = Network.objects.filter(kind=Network.Kind.HOST).first()
        if host is None:
            raise DomainError(_("No host network is set up yet."), field="network")
        profile.network = host
        return
    if not getattr(acting_user, "is_authenticated", False) or permissions.is_staff(acting_user):
        return
    allowed = Network.objects.filter(
        Q(kind=Network.Kind.HOST)
        | Q(
            memberships__organisation_id=profile.organisation_id,
            memberships__status=MembershipStatus.ACTIVE,
        ),
        pk=profile.network_id,
    )
    if not allowed.exists():
        raise DomainError(
            _("Choose the host network or a network your organisation is a member of."),
            field="network",
        )


def _check_contact(profile: CooperationProfile) -> None:
    """The contact person works for the organisation now and has not been erased."""
    if profile.contact_id is None:
        return
    today = timezone.localdate()
    current = Affiliation.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today),
        person_id=profile.contact_id,
        person__erased_at__isnull=True,
        organisation_id=profile.organisation_id,
    )
    if not current.exists():
        raise DomainError(
            _("The contact person must work for the profile's organisation."), field="contact"
        )


def _check_valid_until(profile: CooperationProfile) -> None:
    today = timezone.localdate()
    if profile.valid_until is None:
        raise DomainError(_("Enter the date the profile runs to."), field="valid_until")
    if profile.valid_until <= today:
        raise DomainError(_("The profile must run beyond today."), field="valid_until")
    if profile.valid_until > max_valid_until(today):
        raise DomainError(
            _("A profile runs for at most %(days)d days; choose an earlier date.")
            % {"days": PROFILE_VALIDITY_DAYS},
            field="valid_until",
        )


def _validate(profile: CooperationProfile, changed: list[str], *, acting_user: User | None) -> None:
    if not profile.title:
        raise DomainError(_("Enter a title."), field="title")
    if not profile.summary:
        raise DomainError(_("Enter a short summary."), field="summary")
    if profile.unit is not None and profile.unit.organisation_id != profile.organisation_id:
        raise DomainError(_("The unit belongs to another organisation."), field="unit")
    if profile.pk is None or "network" in changed:
        _check_network(profile, acting_user)
    _check_contact(profile)
    # An expired profile may still get its typos fixed; its date moves only when asked to.
    if profile.pk is None or "valid_until" in changed:
        _check_valid_until(profile)
    try:
        profile.full_clean(exclude=["organisation", "network", "unit", "contact", "created_by"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


@transaction.atomic
def profile_create(
    organisation: Organisation, *, acting_user: User | None, **fields: Any
) -> CooperationProfile:
    """Record a new profile as a draft; the network defaults to the host network and the
    validity to a year from today."""
    _check_fields(fields)
    _check_author(organisation, acting_user)
    profile = CooperationProfile(
        organisation=organisation,
        created_by=versioning.creator(acting_user),
        status=ProfileStatus.DRAFT,
    )
    fields = _stripped({"valid_until": max_valid_until(), **fields})
    changed = versioning.apply_changes(profile, fields, FIELDS)
    _validate(profile, changed, acting_user=acting_user)
    profile.save()
    versioning.set_many(profile, fields, changed)
    audit.record(profile, "matching.profile.created", user=acting_user)
    return profile


@transaction.atomic
def profile_update(
    profile: CooperationProfile, *, version: int | None, acting_user: User | None, **fields: Any
) -> CooperationProfile:
    """Change a profile's details (status and validity move through their own actions too).
    With `version`, a save based on stale data is refused with the current record."""
    _check_fields(fields)
    current, _changed = versioning.versioned_update(
        profile,
        data=_stripped(fields),
        fields=FIELDS,
        expected_version=version,
        acting_user=acting_user,
        action="matching.profile.updated",
        validate=partial(_validate, acting_user=acting_user),
    )
    return current


@transaction.atomic
def profile_publish(
    profile: CooperationProfile, *, acting_user: User | None, version: int | None = None
) -> CooperationProfile:
    """Make a draft or withdrawn profile visible to its audience; an expired one is renewed
    first, so nobody publishes a profile that is already out of date."""
    current = versioning.lock(profile, version)
    if current.status == ProfileStatus.PUBLISHED:
        raise DomainError(_("The profile is already published."))
    if current.is_expired:
        raise DomainError(_("The profile has expired. Renew it before publishing it."))
    current.status = ProfileStatus.PUBLISHED
    current.published_at = timezone.now()
    versioning.save_new_version(current)
    audit.record(current, "matching.profile.published", user=acting_user)
    return current


@transaction.atomic
def profile_withdraw(
    profile: CooperationProfile, *, acting_user: User | None, version: int | None = None
) -> CooperationProfile:
    """Take a published profile off the board; it can be published again later."""
    current = versioning.lock(profile, version)
    if current.status != ProfileStatus.PUBLISHED:
        raise DomainError(_("Only a published profile can be withdrawn."))
    current.status = ProfileStatus.WITHDRAWN
    versioning.save_new_version(current)
    audit.record(current, "matching.profile.withdrawn", user=acting_user)
    return current


@transaction.atomic
def profile_renew(
    profile: CooperationProfile, *, acting_user: User | None, version: int | None = None
) -> CooperationProfile:
    """Let a profile run another year from today. Only profiles ending within
    RENEWAL_WINDOW_DAYS days, or already ended, may be renewed."""
    current = versioning.lock(profile, version)
    today = timezone.localdate()
    if current.valid_until > today + timedelta(days=RENEWAL_WINDOW_DAYS):
        raise DomainError(
            _(
                "The profile runs until %(date)s. It can be renewed from %(days)d days "
                "before that date."
            )
            % {
                "date": short_date(current.valid_until),
                "days": RENEWAL_WINDOW_DAYS,
            }
        )
    previous = current.valid_until
    current.valid_until = max_valid_until(today)
    current.renewed_at = timezone.now()
    versioning.save_new_version(current)
    audit.record(
        current,
        "matching.profile.renewed",
        user=acting_user,
        data={"from": previous.isoformat(), "to": current.valid_until.isoformat()},
    )
    return current
