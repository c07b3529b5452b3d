"""Merging duplicates: one record survives and takes over every relation of the other.

Staff choose per field which value survives. All relations move to the kept record; where
both have the same thing (a membership in one network, a role at one organisation, a unit of
one name) the two are combined. Relations added by other apps later are moved generically, and
the merge refuses to delete the other record while anything still points at it. The removed
record's data is kept in the audit entry on the survivor; its field history stays in place.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Manager, ManyToManyRel, Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.access_log import access_subject_moved
from innonet.core.errors import DomainError

from ..models import (
    Affiliation,
    Consent,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
)
from .organisations import SCALAR_FIELDS as ORGANISATION_FIELDS

PERSON_FIELDS = ("title", "first_name", "last_name", "email", "phone", "language")
KEEP, TAKE = "keep", "remove"
Record = Organisation | Person  # the two kinds of record that merge


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Decimal | date):
        return str(value)
    return value


def snapshot(record: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """The record's field values as JSON-safe data for the audit entry."""
    data = {"id": record.pk, "label": str(record)}
    data.update({name: _plain(getattr(record, name)) for name in fields})
    for field in record._meta.many_to_many:
        data[field.name] = sorted(getattr(record, field.name).values_list("pk", flat=True))
    return data


def _take_fields(
    keep: Record, remove: Record, fields: tuple[str, ...], choices: Mapping[str, str]
) -> list[str]:
    taken = []
    for name, choice in choices.items():
        if choice not in (KEEP, TAKE) or name not in fields:
            raise DomainError(_("Unknown field choice for %(field)s.") % {"field": name[:40]})
        if choice == TAKE:
            setattr(keep, name, getattr(remove, name))
            taken.append(name)
    return taken


def _move_generic(keep: Model, remove: Model, handled: set[str]) -> list[str]:
    """Move every other relation pointing at `remove` to `keep`; returns what moved."""
    moved = []
    for relation in type(keep)._meta.related_objects:
        if relation.name in handled or relation.related_name == "+":
            continue
        model = relation.related_model
        try:
            with transaction.atomic():
                if isinstance(relation, ManyToManyRel):
                    moved += _move_many(relation, keep, remove)
                    continue
                name = relation.field.name
                count = model._base_manager.filter(**{name: remove}).update(**{name: keep})
        except IntegrityError as error:
            raise DomainError(
                _("The records cannot be merged automatically: %(relation)s conflict.")
                % {"relation": model._meta.verbose_name_plural}
            ) from error
        if count:
            moved.append(relation.name)
    return moved


def _links(relation: ManyToManyRel) -> Manager:
    """The rows of a many-to-many relation's table (every relation has one once the models
    are loaded)."""
    if relation.through is None:
        raise TypeError(f"{relation} has no table yet")
    return relation.through._default_manager


def _move_many(relation: ManyToManyRel, keep: Model, remove: Model) -> list[str]:
    through = _links(relation)
    ours = relation.field.m2m_reverse_field_name()
    theirs = relation.field.m2m_field_name()
    already = through.filter(**{ours: keep}).values_list(f"{theirs}_id", flat=True)
    through.filter(**{ours: remove, f"{theirs}_id__in": list(already)}).delete()
    count = through.filter(**{ours: remove}).update(**{ours: keep})
    return [relation.name] if count else []


def _left_behind(record: Model) -> list[str]:
    """Relations that still point at the record about to be deleted."""
    left = []
    for relation in type(record)._meta.related_objects:
        if relation.related_name == "+":
            continue
        if isinstance(relation, ManyToManyRel):
            queryset = _links(relation).filter(**{relation.field.m2m_reverse_field_name(): record})
        else:
            queryset = relation.related_model._base_manager.filter(**{relation.field.name: record})
        if queryset.exists():
            left.append(relation.name)
    return left


def _combine_affiliation(kept: Affiliation, other: Affiliation) -> None:
    """Two roles of one person at one place become one: gaps filled, widest period."""
    kept.position = kept.position or other.position
    kept.is_main_contact = kept.is_main_contact or other.is_main_contact
    starts = [day for day in (kept.started_on, other.started_on) if day]
    kept.started_on = min(starts) if starts else None
    ends = [day for day in (kept.ended_on, other.ended_on) if day is not None]
    kept.ended_on = max(ends) if len(ends) == 2 else None  # open if either is open
    other.delete()
    kept.save()


def _move_affiliations(
    queryset: QuerySet[Affiliation], *, person: Person | None, organisation: Organisation | None
) -> None:
    """Re-point affiliations to `person` or `organisation`, combining clashes."""
    for affiliation in queryset.order_by("pk"):
        target_person = person or affiliation.person
        target_org = organisation or affiliation.organisation
        clash = (
            Affiliation.objects.filter(
                person=target_person, organisation=target_org, unit=affiliation.unit
            )
            .exclude(pk=affiliation.pk)
            .first()
        )
        if clash is not None:
            _combine_affiliation(clash, affiliation)
            continue
        affiliation.person = target_person
        affiliation.organisation = target_org
        affiliation.save()


def _merge_units(keep: Organisation, remove: Organisation) -> None:
    for unit in remove.units.all():
        twin = keep.units.filter(name=unit.name).first()
        if twin is None:
            unit.organisation = keep
            unit.save()
            continue
        twin.competences.add(*unit.competences.all())
        for name in ("description", "keywords", "website"):
            setattr(twin, name, getattr(twin, name) or getattr(unit, name))
        twin.save()
        Affiliation.objects.filter(unit=unit).update(unit=twin)
        _move_generic(twin, unit, {"affiliations"})
        unit.delete()


def _merge_memberships(keep: Organisation, remove: Organisation) -> None:
    """Memberships in the same network become one: the older history is the base and the
    other's status changes join it, so no dated step is lost."""
    for membership in remove.memberships.all():
        other = keep.memberships.filter(network=membership.network_id).first()
        if other is None:
            membership.organisation = keep
            membership.save()
            continue
        base, extra = sorted((other, membership), key=_history_start)
        MembershipStatusChange.objects.filter(membership=extra).update(membership=base)
        extra.delete()
        newest = base.changes.order_by("-valid_from", "-id").first()
        base.organisation = keep
        if newest is not None:
            base.status = newest.status
        base.save()


def _history_start(membership: Membership) -> tuple:
    first = membership.changes.order_by("valid_from", "id").first()
    return (first.valid_from if first else date.max, membership.created_at, membership.pk)


@transaction.atomic
def organisation_merge(
    keep: Organisation,
    remove: Organisation,
    *,
    field_choices: Mapping[str, str],
    acting_user: User | None,
) -> Organisation:
    """Merge `remove` into `keep` and delete `remove`; returns the survivor."""
    if keep.pk == remove.pk:
        raise DomainError(_("An organisation cannot be merged with itself."))
    keep = Organisation.objects.select_for_update().get(pk=keep.pk)
    remove = Organisation.objects.select_for_update().get(pk=remove.pk)
    former = snapshot(remove, ORGANISATION_FIELDS)
    taken = _take_fields(keep, remove, ORGANISATION_FIELDS, field_choices)
    for field in Organisation._meta.many_to_many:
        getattr(keep, field.name).add(*getattr(remove, field.name).all())
    _merge_units(keep, remove)
    _move_affiliations(remove.affiliations.all(), person=None, organisation=keep)
    _merge_memberships(keep, remove)
    Consent._base_manager.filter(organisation=remove).update(organisation=keep)
    handled = {"units", "affiliations", "memberships", "consents"}
    moved = _move_generic(keep, remove, handled)
    _save_survivor(keep, remove)
    audit.record(
        keep,
        "partners.organisation.merged",
        user=acting_user,
        data={"removed": former, "fields_taken": taken, "moved": sorted(handled | set(moved))},
    )
    _delete_removed(remove)
    return keep


def _save_survivor(keep: Record, remove: Record) -> None:
    # simple_history takes the reason for the next history row from this attribute.
    setattr(keep, "_change_reason", f"merged with #{remove.pk}")  # noqa: B010
    keep.version += 1
    try:
        keep.full_clean(exclude=["logo"], validate_unique=False)
    except Exception as error:
        raise DomainError(
            _("The chosen values are not valid together: %(error)s") % {"error": error}
        ) from error
    keep.save()


def _delete_removed(remove: Model) -> None:
    left = _left_behind(remove)
    if left:
        raise DomainError(
            _("The merge was stopped: relations left behind (%(names)s).")
            % {"names": ", ".join(left)}
        )
    remove.delete()


@transaction.atomic
def person_merge(
    keep: Person, remove: Person, *, field_choices: Mapping[str, str], acting_user: User | None
) -> Person:
    """Merge the person `remove` into `keep` (roles, consents, interactions, ...) and delete
    `remove`; returns the survivor. Erased people are not merged."""
    if keep.pk == remove.pk:
        raise DomainError(_("A person cannot be merged with themselves."))
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    remove = Person.objects.select_for_update().get(pk=remove.pk)
    if keep.erased_at or remove.erased_at:
        raise DomainError(_("Erased people cannot be merged."))
    former = snapshot(remove, PERSON_FIELDS)
    # Contact data in the audit log would outlive an erasure: keep only recognisable hints.
    former["email"] = audit.mask_email(remove.email)
    former["phone"] = f"…{remove.phone[-3:]}" if remove.phone else ""
    taken = _take_fields(keep, remove, PERSON_FIELDS, field_choices)
    _move_affiliations(remove.affiliations.all(), person=keep, organisation=None)
    Consent._base_manager.filter(person=remove).update(person=keep)
    access_subject_moved("partners.person", remove.pk, keep.pk)
    handled = {"affiliations", "consents"}
    moved = _move_generic(keep, remove, handled)
    _save_survivor(keep, remove)
    audit.record(
        keep,
        "partners.person.merged",
        user=acting_user,
        data={"removed": former, "fields_taken": taken, "moved": sorted(handled | set(moved))},
    )
    _delete_removed(remove)
    return keep
