"""Funding programmes with their rates, and calls with their deadlines."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError

from ..models import CallDeadline, FundingCall, FundingProgramme, FundingRate
from ..rules import PartnerKind
from .common import clean_or_raise, decimal_or_raise

PROGRAMME_FIELDS = (
    "name", "funder", "level", "description", "url", "min_partners", "max_partners",
    "requires_sme", "requires_research", "min_countries", "is_active",
)  # fmt: skip
CALL_FIELDS = ("title", "topics", "url", "opens_on", "is_active")


@dataclass(frozen=True)
class Deadline:
    """One deadline of a call as the form or API gives it."""

    label: str
    due_at: datetime


def _apply(obj: Any, fields: Iterable[str], data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in fields:
        if name in data and getattr(obj, name) != data[name]:
            setattr(obj, name, data[name])
            changed.append(name)
    return changed


def _set_rates(programme: FundingProgramme, rates: Mapping[str, Any]) -> list[str]:
    """Set (or with None remove) the funding rate for each partner kind given."""
    valid = {kind.value for kind in PartnerKind}
    changed = []
    for kind, value in rates.items():
        if kind not in valid:
            raise DomainError(_("Unknown kind of partner."), field="rates")
        rate = decimal_or_raise(value, "rates")
        if rate is None:
            FundingRate.objects.filter(programme=programme, partner_kind=kind).delete()
        else:
            if not (0 <= rate <= 100) or rate != rate.quantize(Decimal("0.01")):
                raise DomainError(
                    _("A funding rate lies between 0 and 100 percent."), field="rates"
                )
            FundingRate.objects.update_or_create(
                programme=programme, partner_kind=kind, defaults={"rate": rate}
            )
        changed.append(kind)
    return changed


def _save_programme(programme: FundingProgramme) -> None:
    clash = FundingProgramme.objects.filter(name__iexact=(programme.name or "").strip())
    if clash.exclude(pk=programme.pk).exists():
        raise DomainError(_("A programme with this name already exists."), field="name")
    clean_or_raise(programme)
    programme.save()


@transaction.atomic
def programme_create(
    *, data: Mapping[str, Any], rates: Mapping[str, Any] | None = None, acting_user: User | None
) -> FundingProgramme:
    """Record a funding programme with its consortium rules and rates by partner kind."""
    programme = FundingProgramme()
    _apply(programme, PROGRAMME_FIELDS, data)
    _save_programme(programme)
    _set_rates(programme, rates or {})
    audit.record(programme, "projects.programme.created", user=acting_user)
    return programme


@transaction.atomic
def programme_update(
    programme: FundingProgramme,
    *,
    data: Mapping[str, Any],
    rates: Mapping[str, Any] | None = None,
    acting_user: User | None,
) -> FundingProgramme:
    """Change a programme; rates given replace those of their kinds (None removes one).
    Partners keep the rate they were given; new partners get the new rate."""
    programme = FundingProgramme.objects.select_for_update().get(pk=programme.pk)
    changed = _apply(programme, PROGRAMME_FIELDS, data)
    _save_programme(programme)
    changed += [f"rate:{kind}" for kind in _set_rates(programme, rates or {})]
    audit.record(
        programme, "projects.programme.updated", user=acting_user, data={"fields": changed}
    )
    return programme


def _check_deadlines(
    deadlines: Iterable[Deadline], *, keep: set[tuple[str, datetime]]
) -> list[Deadline]:
    """Labels present, times aware, and none in the past unless it is one the call already
    had (`keep`): an existing call may keep its past deadlines."""
    now = timezone.now()
    checked = []
    for deadline in deadlines:
        label = (deadline.label or "").strip()
        if not label or len(label) > 120:
            raise DomainError(
                _("Give every deadline a label (at most 120 characters)."), field="deadlines"
            )
        if deadline.due_at is None or timezone.is_naive(deadline.due_at):
            raise DomainError(_("Give every deadline a date and time."), field="deadlines")
        if deadline.due_at < now and (label, deadline.due_at) not in keep:
            raise DomainError(
                _("The deadline “%(label)s” lies in the past.") % {"label": label},
                field="deadlines",
            )
        checked.append(Deadline(label, deadline.due_at))
    return checked


def _plan_reminders(call: FundingCall) -> None:
    """Deadline reminder mails, enqueued once the transaction commits."""
    from ..tasks import plan_deadline_reminders

    plan_deadline_reminders(call)


def _validate_call(call: FundingCall) -> None:
    call.title = (call.title or "").strip()
    clean_or_raise(call, exclude=["programme"])


@transaction.atomic
def call_create(
    programme: FundingProgramme,
    *,
    data: Mapping[str, Any],
    deadlines: Iterable[Deadline] = (),
    acting_user: User | None,
) -> FundingCall:
    """Open a call of a programme; its deadlines must lie in the future."""
    checked = _check_deadlines(deadlines, keep=set())
    call = FundingCall(programme=programme)
    _apply(call, CALL_FIELDS, data)
    _validate_call(call)
    call.save()
    CallDeadline.objects.bulk_create(
        CallDeadline(call=call, label=d.label, due_at=d.due_at) for d in checked
    )
    audit.record(call, "projects.call.created", user=acting_user)
    _plan_reminders(call)
    return call


@transaction.atomic
def call_update(
    call: FundingCall,
    *,
    data: Mapping[str, Any],
    deadlines: Iterable[Deadline] | None = None,
    acting_user: User | None,
) -> FundingCall:
    """Change a call; deadlines given replace the old ones. Deadlines it already had may lie
    in the past, new ones may not."""
    call = FundingCall.objects.select_for_update().get(pk=call.pk)
    changed = _apply(call, CALL_FIELDS, data)
    _validate_call(call)
    call.save()
    if deadlines is not None:
        existing = set(call.deadlines.values_list("label", "due_at"))
        checked = _check_deadlines(deadlines, keep=existing)
        call.deadlines.all().delete()
        CallDeadline.objects.bulk_create(
            CallDeadline(call=call, label=d.label, due_at=d.due_at) for d in checked
        )
        changed.append("deadlines")
        _plan_reminders(call)
    audit.record(call, "projects.call.updated", user=acting_user, data={"fields": changed})
    return call
