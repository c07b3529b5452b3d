"""A participant's side: join with a profile prefilled from the cooperation profiles, keep it,
and withdraw (which frees their meetings; everybody else's stay where they are)."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit, permissions
from innonet.events.models import Registration, RegistrationStatus
from innonet.matching.models import CooperationProfile, ProfileKind, ProfileStatus

from .. import mails
from ..models import Marketplace, Meeting, MeetingRequest, Participant, RequestStatus, Slot
from .errors import MeetingError
from .marketplace import requests_open_error

OFFER_KINDS = (ProfileKind.TECHNOLOGY_OFFER, ProfileKind.BUSINESS_OFFER)
HEADLINE_MAX, TEXT_MAX = 200, 1000


def own_registration(user: Any, marketplace: Marketplace) -> Registration | None:
    """The user's confirmed registration for the event (their own account's first, else one
    under their e-mail address)."""
    if permissions.role_of(user) == permissions.ANONYMOUS:
        return None
    registrations = marketplace.event.registrations.filter(
        status=RegistrationStatus.CONFIRMED
    ).filter(Q(user=user) | Q(email__iexact=user.email or "-"))
    return min(registrations, key=lambda r: (r.user_id != user.pk, r.pk), default=None)


def own_participant(user: Any, marketplace: Marketplace) -> Participant | None:
    if permissions.role_of(user) == permissions.ANONYMOUS:
        return None
    return Participant.objects.filter(marketplace=marketplace, user=user).first()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def prefill(registration: Registration, organisation: Any = None) -> dict[str, str]:
    """Headline, offers and wishes from the published cooperation profiles of the
    participant's organisation (newest first), for them to edit before publishing."""
    organisation = registration.organisation or organisation
    profiles = []
    if organisation is not None:
        profiles = list(
            CooperationProfile.objects.filter(
                organisation=organisation, status=ProfileStatus.PUBLISHED
            ).order_by("-published_at", "-pk")[:6]
        )
    offers = [p for p in profiles if p.kind in OFFER_KINDS]
    seeks = [p for p in profiles if p.kind not in OFFER_KINDS]

    def lines(found: list[CooperationProfile]) -> str:
        return _clip(
            "\n".join(f"{p.title}: {' '.join(p.summary.split())}" for p in found), TEXT_MAX
        )

    headline = profiles[0].title if profiles else (organisation.name if organisation else "")
    return {
        "headline": _clip(headline, HEADLINE_MAX),
        "offers": lines(offers),
        "seeks": lines(seeks),
    }


def _name(registration: Registration) -> str:
    return " ".join(f"{registration.first_name} {registration.last_name}".split())


@transaction.atomic
def participant_join(marketplace: Marketplace, *, user: Any) -> Participant:
    """Take part with one's confirmed registration; the profile starts from the prefill."""
    if (existing := own_participant(user, marketplace)) is not None:
        if existing.withdrawn_at is not None:
            raise MeetingError(_("You have withdrawn from this marketplace."))
        return existing
    if error := requests_open_error(marketplace):
        raise MeetingError(error)
    registration = own_registration(user, marketplace)
    if registration is None:
        raise MeetingError(_("Only confirmed participants of the event take part."))
    organisation = registration.organisation or getattr(user, "organisation", None)
    values = prefill(registration, organisation)
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                marketplace=marketplace,
                registration=registration,
                user=user,
                organisation=organisation,
                name=_name(registration) or user.email,
                organisation_name=registration.organisation_name
                or (organisation.name if organisation else ""),
                headline=values["headline"] or _("Participant"),
                offers=values["offers"],
                seeks=values["seeks"],
                published=False,
            )
    except IntegrityError as clash:  # a second tab joined at the same instant
        raise MeetingError(_("You take part already.")) from clash
    audit.record(participant, "meetings.participant.joined", user=user)
    return participant


def _check_text(value: Any, limit: int, field: str, *, required: bool = False) -> str:
    text = "\n".join(" ".join(line.split()) for line in str(value or "").splitlines()).strip()
    if required and not text:
        raise MeetingError(_("Please say in one line what you bring."), field=field)
    if len(text) > limit:
        raise MeetingError(
            _("At most %(limit)d characters, please.") % {"limit": limit}, field=field
        )
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise MeetingError(_("The text holds control characters."), field=field)
    return text


@transaction.atomic
def participant_update(
    participant: Participant,
    *,
    headline: str,
    offers: str = "",
    seeks: str = "",
    published: bool = True,
    unavailable_slots: list[Slot] | None = None,
    acting_user: Any,
) -> Participant:
    """Change the profile and availability; only the participant and the office may."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    permissions.check_change(
        acting_user, participant, ["headline", "offers", "seeks", "published", "unavailable_slots"]
    )
    if participant.withdrawn_at is not None:
        raise MeetingError(_("You have withdrawn from this marketplace."))
    headline = _check_text(headline, HEADLINE_MAX, "headline", required=True)
    if "\n" in headline:
        raise MeetingError(_("The headline is one line."), field="headline")
    participant.headline = headline
    participant.offers = _check_text(offers, TEXT_MAX, "offers")
    participant.seeks = _check_text(seeks, TEXT_MAX, "seeks")
    participant.published = bool(published)
    participant.save()
    if unavailable_slots is not None:
        slots = [s for s in unavailable_slots if s.marketplace_id == participant.marketplace_id]
        if len(slots) != len(unavailable_slots):
            raise MeetingError(_("A slot of another event was given."), field="unavailable_slots")
        participant.unavailable_slots.set(slots)
        # A meeting in a slot the participant now misses goes back to be planned again.
        Meeting.objects.filter(seats__participant=participant, slot__in=slots).delete()
    audit.record(participant, "meetings.participant.updated", user=acting_user)
    return participant


@transaction.atomic
def participant_withdraw(participant: Participant, *, acting_user: Any) -> int:
    """Leave the marketplace: open and accepted requests are withdrawn and the meetings freed;
    the other meetings of the plan keep their place. Returns how many meetings were freed."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    permissions.check_change(acting_user, participant, [])
    if participant.withdrawn_at is not None:
        return 0
    freed = Meeting.objects.filter(seats__participant=participant).count()
    Meeting.objects.filter(seats__participant=participant).delete()
    live = MeetingRequest.objects.filter(
        Q(requester=participant) | Q(recipient=participant),
        status__in=(RequestStatus.REQUESTED, RequestStatus.ACCEPTED),
    )
    called_off = list(live)
    live.update(status=RequestStatus.WITHDRAWN, answered_at=timezone.now())
    for request in called_off:
        mails.queue_request_mail(request, mails.WITHDRAWN, by=participant)
    participant.withdrawn_at = timezone.now()
    participant.published = False
    participant.save(update_fields=["withdrawn_at", "published", "updated_at"])
    audit.record(
        participant, "meetings.participant.withdrawn", user=acting_user, data={"freed": freed}
    )
    return freed
