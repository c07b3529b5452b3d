"""Who may see and change what, decided per object in one place.

Every model that users reach through a page or the API has a Policy here. Views and API views
scope their querysets with `visible()` (another organisation's object then answers 404) and ask
`can_change()` before writes; tests walk every role against every route. What a role may change
*within* a record is the policy's `writable_fields`, enforced by the services through
`check_change`, so pages, API and imports cannot disagree (RELIABILITY 38).
"""

from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .errors import DomainError

ANONYMOUS = "anonymous"
STAFF = "staff"
BOARD = "board"
MEMBER = "member"
NETWORK_MANAGER = "network_manager"
ROLES = (ANONYMOUS, MEMBER, NETWORK_MANAGER, BOARD, STAFF)


def role_of(user: Any) -> str:
    """The role a request acts in; inactive and anonymous users are anonymous."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    return user.role


def is_staff(user: Any) -> bool:
    return role_of(user) == STAFF


# Roles that read personal data of people outside their own organisation: staff and the board
# everything, a partner-network manager the participants of the network's events. They must
# use a second factor (TOTP). Members read only their own organisation's people.
TWO_FACTOR_ROLES = (STAFF, BOARD, NETWORK_MANAGER)


def needs_two_factor(user: Any) -> bool:
    """Whether this user must sign in with a second factor before seeing any page."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return role_of(user) in TWO_FACTOR_ROLES or bool(getattr(user, "is_superuser", False))


def reads_everything(user: Any) -> bool:
    """Staff and the board read every record of the network."""
    return role_of(user) in (STAFF, BOARD)


class Policy:
    """Staff may do everything, the board reads everything; subclasses open more."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if reads_everything(user):
            return queryset
        return queryset.none()

    def can_view(self, user: Any, obj: models.Model) -> bool:
        return self.scope(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()

    def can_create(self, user: Any) -> bool:
        return is_staff(user)

    def can_change(self, user: Any, obj: models.Model) -> bool:
        return is_staff(user)

    def can_delete(self, user: Any, obj: models.Model) -> bool:
        return is_staff(user)

    def writable_fields(self, user: Any, obj: models.Model) -> Collection[str] | None:
        """The fields `user` may change on `obj` when `can_change` allows the record at all;
        None: every field the service takes."""
        return None


class PublicReadPolicy(Policy):
    """Reference data anyone may read (taxonomies); only staff edit it."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        return queryset


_POLICIES: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model]) -> Callable[[type[Policy]], type[Policy]]:
    """Class decorator: `@permissions.register(Organisation)` on a Policy subclass."""

    def decorator(policy_class: type[Policy]) -> type[Policy]:
        _POLICIES[model] = policy_class()
        return policy_class

    return decorator


def policy_for(model: type[models.Model]) -> Policy:
    for klass in model.__mro__:
        if klass in _POLICIES:
            return _POLICIES[klass]
    raise LookupError(f"No permission policy registered for {model.__name__}")


def visible(user: Any, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` this user may see."""
    return policy_for(queryset.model).scope(user, queryset)


def can_view(user: Any, obj: models.Model) -> bool:
    return policy_for(type(obj)).can_view(user, obj)


def can_create(user: Any, model: type[models.Model]) -> bool:
    return policy_for(model).can_create(user)


def can_change(user: Any, obj: models.Model) -> bool:
    return policy_for(type(obj)).can_change(user, obj)


def can_delete(user: Any, obj: models.Model) -> bool:
    return policy_for(type(obj)).can_delete(user, obj)


def writable_fields(user: Any, obj: models.Model) -> Collection[str] | None:
    return policy_for(type(obj)).writable_fields(user, obj)


class NotPermittedError(DomainError):
    """The acting user may not make this change: 403 in the API, a form error on pages."""


def check_change(user: Any, obj: models.Model, changed: Iterable[str]) -> None:
    """Refuse a change of `obj` that `user` may not make: the record as a whole, or one of the
    `changed` fields. `user=None` is the platform itself (demo, imports by the system)."""
    if user is None:
        return
    policy = policy_for(type(obj))
    if not policy.can_change(user, obj):
        raise NotPermittedError(_("You may not change this record."))
    allowed = policy.writable_fields(user, obj)
    if allowed is None:
        return
    for field in changed:
        if field not in allowed:
            raise NotPermittedError(
                _("Only the network office can change this field."), field=field
            )
