"""Lock, compare, apply, check, count and audit: one save of a versioned record."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils.translation import gettext as _

from .. import audit, permissions
from ..errors import DomainError
from ..models import VersionedModel

V = TypeVar("V", bound=VersionedModel)


class ConflictError(DomainError):
    """Someone else saved the record since it was loaded; carries the current row."""

    def __init__(self, current: VersionedModel) -> None:
        super().__init__(
            _(
                "“%(record)s” was changed by someone else in the meantime. Please check the "
                "current data and apply your change again."
            )
            % {"record": current}
        )
        self.current = current


def creator(user: Any) -> Any:
    """The user to store as `created_by`; anonymous and system actions store none."""
    return user if getattr(user, "is_authenticated", False) else None


def lock(
    obj: V,
    expected_version: int | None,
    *,
    related: Sequence[str] = (),
    guard: Callable[[V], None] | None = None,
) -> V:
    """The record's row, locked until the transaction ends, after the version check (None: no
    check). `guard` may refuse the row before that check; `related` rows are read, not locked."""
    queryset = type(obj)._default_manager.all()
    if related:
        # `of`: PostgreSQL locks no outer-joined rows (an empty relation has none).
        queryset = queryset.select_related(*related).select_for_update(of=("self",))
    else:
        queryset = queryset.select_for_update()
    current = queryset.get(pk=obj.pk)
    if guard is not None:
        guard(current)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    return current


def _set(obj: models.Model, field: models.Field, value: Any) -> None:
    if field.is_relation and value is not None and not isinstance(value, models.Model):
        setattr(obj, field.attname, value)
    else:
        setattr(obj, field.name, value)


def _stored(obj: models.Model, field: models.Field) -> Any:
    if field.many_to_many:
        return set(getattr(obj, field.name).values_list("pk", flat=True)) if obj.pk else set()
    return getattr(obj, field.attname if field.is_relation else field.name)


def _given(field: models.Field, value: Any) -> Any:
    if field.many_to_many:
        return {getattr(item, "pk", item) for item in value or []}
    return getattr(value, "pk", value) if field.is_relation else value


def apply_changes(obj: models.Model, data: Mapping[str, Any], fields: Iterable[str]) -> list[str]:
    """Set each of `fields` that `data` holds on `obj` and name those whose value changes.
    Relations compare by id; many-to-many fields by their set of ids, stored by `set_many`
    once `obj` is saved."""
    changed = []
    for name in fields:
        if name not in data:
            continue
        field = obj._meta.get_field(name)
        if _stored(obj, field) == _given(field, data[name]):
            continue
        if not field.many_to_many:
            _set(obj, field, data[name])
        changed.append(name)
    return changed


def set_many(obj: models.Model, data: Mapping[str, Any], changed: Iterable[str]) -> None:
    """Store the many-to-many fields among `changed` from `data` (the record is saved)."""
    for name in changed:
        if obj._meta.get_field(name).many_to_many:
            getattr(obj, name).set(data[name] or [])


def save_new_version(obj: VersionedModel, *, update_fields: Sequence[str] | None = None) -> None:
    """Count one more version and save; with `update_fields`, only those (and the version)."""
    obj.version += 1
    if update_fields is None:
        obj.save()
    else:
        obj.save(update_fields=[*update_fields, "version", "updated_at"])


@transaction.atomic
def versioned_update(
    obj: V,
    *,
    data: Mapping[str, Any],
    fields: Iterable[str],
    expected_version: int | None,
    acting_user: AbstractBaseUser | None,
    action: str,
    guard: Callable[[V], None] | None = None,
    validate: Callable[[V, list[str]], None] | None = None,
) -> tuple[V, list[str]]:
    """Change the `fields` of `obj` that `data` holds: lock the row, `guard` it, refuse a
    stale version, apply, `validate`, check the acting user's policy on the changed fields,
    count the version (a save without changes counts too), save and audit `action`."""
    current = lock(obj, expected_version, guard=guard)
    changed = apply_changes(current, data, fields)
    if validate is not None:
        validate(current, changed)
    permissions.check_change(acting_user, current, changed)
    save_new_version(current)
    set_many(current, data, changed)
    audit.record(current, action, user=acting_user, data={"fields": changed})
    return current, changed
