"""Registration rules: the registration window, double opt-in, capacity, the waiting list.

Every change that can take or free a place locks the event row first (`select_for_update`;
on SQLite the IMMEDIATE transaction mode serialises writers), counts the confirmed places and
only then decides. So the capacity holds however many requests arrive at once, and the unique
constraint on (event, e-mail) for active registrations keeps anyone from holding two."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.partners.models import Person

from .. import mails
from ..models import Event, EventStatus, Registration, RegistrationStatus
from .registry import link_to_registry

MAX_COLLEAGUES = 20


@dataclass(frozen=True)
class Attendee:
    """What the registration form collected about one person."""

    first_name: str
    last_name: str
    email: str
    organisation_name: str = ""
    position: str = ""
    phone: str = ""
    dietary_requirements: str = ""
    remarks: str = ""
    language: str = "de"


@dataclass(frozen=True)
class Places:
    capacity: int | None
    confirmed: int
    waiting: int
    pending: int
    free: int | None  # None: no limit

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.confirmed >= self.capacity

    @classmethod
    def counted(cls, capacity: int | None, counts: Mapping[str, int]) -> "Places":
        """The places from the number of registrations in each status, for a page that
        counts them anyway (services use `places()`, which counts under the event's lock)."""
        confirmed = counts.get(RegistrationStatus.CONFIRMED, 0)
        return cls(
            capacity=capacity,
            confirmed=confirmed,
            waiting=counts.get(RegistrationStatus.WAITING, 0),
            pending=counts.get(RegistrationStatus.PENDING, 0),
            free=None if capacity is None else max(capacity - confirmed, 0),
        )


@dataclass
class Submission:
    """The outcome of the public form: new registrations and addresses already registered."""

    created: list[Registration] = field(default_factory=list)
    already_registered: list[str] = field(default_factory=list)


def places(event: Event) -> Places:
    """The event's places as stored now (inside a service: under the event's row lock)."""
    row = Event.objects.with_places().values(
        "capacity", "confirmed_count", "waiting_count", "pending_count", "free_places"
    )
    counted = row.get(pk=event.pk)
    return Places(
        capacity=counted["capacity"],
        confirmed=counted["confirmed_count"],
        waiting=counted["waiting_count"],
        pending=counted["pending_count"],
        free=counted["free_places"],
    )


def registration_window_error(event: Event, now: datetime | None = None) -> str | None:
    """Why nobody can register now, or None when registration is open."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if event.status != EventStatus.PUBLISHED:
        return _("This event is not open for registration.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(date)s.") % {
            "date": formats.date_format(
                timezone.localtime(event.registration_opens_at), "DATETIME_FORMAT"
            )
        }
    closes = event.registration_closes_at or event.ends_at
    if now > closes:
        return _("Registration for this event has closed.")
    return None


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_open(event: Event) -> None:
    if error := registration_window_error(event):
        raise DomainError(error)


def _place(event: Event, registration: Registration, free: int | None, now: datetime) -> int | None:
    """Give `registration` its state on confirmation; returns the places left afterwards."""
    if event.requires_approval and registration.source != "staff":
        registration.status = RegistrationStatus.PENDING
    elif free is None or free > 0:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        free = None if free is None else free - 1
    elif event.waiting_list:
        registration.status = RegistrationStatus.WAITING
        registration.waitlisted_at = now
    else:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
    return free


def _normalised(attendee: Attendee) -> Attendee:
    return Attendee(
        **{
            name: (value or "").strip()
            for name, value in attendee.__dict__.items()
            if name != "email"
        },
        email=(attendee.email or "").strip().lower(),
    )


def _check_group(lead: Attendee, colleagues: Sequence[Attendee]) -> None:
    if len(colleagues) > MAX_COLLEAGUES:
        raise DomainError(
            _("At most %(count)d colleagues can be registered at once.") % {"count": MAX_COLLEAGUES}
        )
    addresses = [lead.email, *(colleague.email for colleague in colleagues)]
    if len(set(addresses)) != len(addresses):
        raise DomainError(_("Each person needs their own e-mail address."), field="colleagues")


def _create(event: Event, attendee: Attendee, **extra: Any) -> Registration | None:
    """A new registration, or None when this address already has an active one."""
    registration = Registration(event=event, **attendee.__dict__, **extra)
    registration.full_clean(exclude=["event", "person", "organisation", "user", "registered_by"])
    if event.registrations.active().filter(email=registration.email).exists():
        return None
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # a concurrent request registered the same address first
        return None
    return registration


@transaction.atomic
def registration_submit(
    event: Event,
    *,
    lead: Attendee,
    colleagues: Sequence[Attendee] = (),
    consent: bool,
    source: str = "form",
) -> Submission:
    """The public form: unconfirmed registrations for the lead and colleagues, and one mail to
    the lead with the confirmation link. Addresses that are already registered get a reminder
    of their registration instead, so the answer on the page never reveals who registered."""
    if not consent:
        raise DomainError(_("Please agree to the conditions of participation."), field="consent")
    lead = _normalised(lead)
    colleagues = [_with_organisation(_normalised(colleague), lead) for colleague in colleagues]
    _check_group(lead, colleagues)
    event = _locked_event(event)
    _check_open(event)
    if places(event).is_full and not event.waiting_list:
        raise DomainError(_("This event is fully booked."))
    now = timezone.now()
    consent_fields = {"consent_version": event.consent_version, "consented_at": now}
    submission = Submission()
    head = _create(event, lead, source=source, **consent_fields)
    # An already registered lead still vouches for new colleagues: they join the lead's group
    # and the lead's (next) confirmation link places them.
    group_lead = head if head is not None else event.registrations.active().get(email=lead.email)
    if head is None:
        submission.already_registered.append(lead.email)
    else:
        submission.created.append(head)
    new_colleagues = []
    for colleague in colleagues:
        registration = _create(
            event, colleague, source=source, registered_by=group_lead, **consent_fields
        )
        if registration is None:
            submission.already_registered.append(colleague.email)
        else:
            new_colleagues.append(registration)
    submission.created.extend(new_colleagues)
    audit.record(
        group_lead,
        "events.registration.submitted",
        data={"event": event.pk, "colleagues": len(new_colleagues), "new": head is not None},
    )
    if head is not None or group_lead.status == RegistrationStatus.UNCONFIRMED:
        mails.queue(group_lead, mails.CONFIRM_REQUEST, throttle=True)
    elif new_colleagues:
        mails.queue(group_lead, mails.CONFIRM_COLLEAGUES, throttle=True)
    else:
        mails.queue(group_lead, mails.ALREADY_REGISTERED)
    return submission


def _with_organisation(colleague: Attendee, lead: Attendee) -> Attendee:
    """Colleagues are registered for the lead's organisation."""
    return Attendee(**{**colleague.__dict__, "organisation_name": lead.organisation_name})


@transaction.atomic
def registration_confirm(registration: Registration) -> Registration:
    """The confirmation link was clicked: the registration (and the colleagues registered with
    it) take a place, join the waiting list or await approval. Clicking twice changes nothing."""
    event = _locked_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    waiting_colleagues = list(
        registration.colleagues.filter(status=RegistrationStatus.UNCONFIRMED).order_by("pk")
    )
    lead_unconfirmed = registration.status == RegistrationStatus.UNCONFIRMED
    if not lead_unconfirmed and not (registration.is_active and waiting_colleagues):
        return registration
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("This event has been cancelled."))
    if timezone.now() > event.ends_at:
        raise DomainError(_("This event is over."))
    group = [registration] if lead_unconfirmed else []
    group += waiting_colleagues
    free = places(event).free
    now = timezone.now()
    for member in group:
        free = _place(event, member, free, now)
        link_to_registry(member)
        member.save()
        audit.record(
            member,
            "events.registration.confirmed",
            data={"event": event.pk, "status": member.status},
        )
        mails.queue(
            member, mails.kind_for_status(member.status, colleague=member is not registration)
        )
    return group[0]


@transaction.atomic
def registration_register_member(event: Event, *, user: User) -> Registration:
    """One click for a signed-in user: the account's address is verified, so no opt-in mail."""
    event = _locked_event(event)
    _check_open(event)
    first_name, _sep, last_name = (user.full_name or "").strip().rpartition(" ")
    attendee = Attendee(
        first_name=first_name or "",
        last_name=last_name or user.email.split("@")[0],
        email=user.email,
        organisation_name=str(user.organisation) if user.organisation_id else "",
        language=getattr(user, "language", "") or "de",
    )
    return _register_directly(event, attendee, source="member", user=user)


@transaction.atomic
def registration_register_by_staff(
    event: Event,
    attendee: Attendee,
    *,
    person: Person | None = None,
    acting_user: User | None,
) -> Registration:
    """The office adds someone (a phone registration, a walk-in on the day); `person` is the
    registry entry the office picked, so the registration links to them and not to a new one."""
    event = _locked_event(event)
    if event.status not in (EventStatus.PUBLISHED, EventStatus.FINISHED):
        raise DomainError(_("This event is not open for registration."))
    if person is not None and person.erased_at is not None:
        raise DomainError(_("This person's data has been erased."), field="person")
    return _register_directly(
        event,
        _normalised(attendee),
        source="staff",
        user=None,
        acting_user=acting_user,
        person=person,
    )


def _register_directly(
    event: Event,
    attendee: Attendee,
    *,
    source: str,
    user: User | None,
    acting_user: User | None = None,
    person: Person | None = None,
) -> Registration:
    registration = _create(
        event,
        attendee,
        source=source,
        user=user,
        consent_version=event.consent_version,
        consented_at=timezone.now(),
    )
    if registration is None:
        raise DomainError(_("This person is already registered for the event."))
    if places(event).is_full and not event.waiting_list:
        raise DomainError(_("This event is fully booked."))
    _place(event, registration, places(event).free, timezone.now())
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This event is fully booked."))
    if person is not None:
        registration.person = person
    link_to_registry(registration, user=user, acting_user=acting_user)
    registration.save()
    audit.record(
        registration,
        "events.registration.confirmed",
        user=acting_user or user,
        data={"event": event.pk, "status": registration.status, "source": source},
    )
    mails.queue(registration, mails.kind_for_status(registration.status))
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served. Event must be locked."""
    free = places(event).free
    waiting = event.registrations.waiting().select_for_update()
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit.record(registration, "events.registration.promoted", data={"event": event.pk})
        mails.queue(registration, mails.PROMOTED)
    return promoted


@transaction.atomic
def registration_cancel(
    registration: Registration, *, acting_user: User | None = None
) -> Registration:
    """Cancel by the participant's link or by the office; a freed place goes to the first
    person on the waiting list. Cancelling twice changes nothing."""
    event = _locked_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        return registration
    if event.status == EventStatus.FINISHED:
        raise DomainError(_("This event is over; the registration can no longer be cancelled."))
    held_place = registration.holds_place
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit.record(
        registration, "events.registration.cancelled", user=acting_user, data={"event": event.pk}
    )
    mails.queue(registration, mails.CANCELLED)
    if held_place and event.status == EventStatus.PUBLISHED:
        _promote_waiting(event)
    return registration


@transaction.atomic
def registration_approve(registration: Registration, *, acting_user: User | None) -> Registration:
    event = _locked_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise DomainError(_("Only registrations awaiting approval can be approved."))
    registration.source = "staff"  # approved by hand: no second approval round
    free = places(event).free
    _place(event, registration, free, timezone.now())
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This event is fully booked."))
    registration.save()
    audit.record(
        registration,
        "events.registration.approved",
        user=acting_user,
        data={"status": registration.status},
    )
    mails.queue(registration, mails.kind_for_status(registration.status))
    return registration


@transaction.atomic
def registration_reject(registration: Registration, *, acting_user: User | None) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITING):
        raise DomainError(_("Only pending or waiting registrations can be declined."))
    registration.status = RegistrationStatus.REJECTED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit.record(registration, "events.registration.rejected", user=acting_user)
    mails.queue(registration, mails.REJECTED)
    return registration
