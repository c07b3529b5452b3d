"""Meeting requests: ask, accept, decline, withdraw; an accept after the plan was built is
placed at once in the first slot where both are free.

Placing never checks first and writes after: it inserts the meeting and its two seats and lets
the database's unique constraints refuse a slot or table taken meanwhile (by a second accept
at the same instant or a plan run), then tries the next place. Nobody is ever double-booked.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit, permissions

from .. import mails
from ..models import (
    Marketplace,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Participant,
    PlanState,
    RequestStatus,
    SlotKind,
    pair_key,
)
from .errors import MeetingError
from .marketplace import requests_open_error

MESSAGE_MAX = 500
LIVE = (RequestStatus.REQUESTED, RequestStatus.ACCEPTED)


def _acting_participant(user: Any, participant: Participant) -> None:
    if user is not None and participant.user_id != getattr(user, "pk", None):
        raise permissions.NotPermittedError(_("You may only act for yourself."))


@transaction.atomic
def request_create(
    *, requester: Participant, recipient: Participant, message: str = "", acting_user: Any
) -> MeetingRequest:
    """Ask `recipient` for a meeting; one request per pair, at most `max_requests` live ones."""
    _acting_participant(acting_user, requester)
    # The requester's row is locked so two requests sent at once cannot pass the limit together.
    requester = Participant.objects.select_for_update().get(pk=requester.pk)
    recipient = Participant.objects.filter(pk=recipient.pk).first() or recipient
    marketplace = Marketplace.objects.select_related("event").get(pk=requester.marketplace_id)
    if error := requests_open_error(marketplace):
        raise MeetingError(error)
    if recipient.marketplace_id != marketplace.pk:
        raise MeetingError(_("This person does not take part in this marketplace."))
    if recipient.pk == requester.pk:
        raise MeetingError(_("You cannot request a meeting with yourself."))
    if requester.withdrawn_at is not None or not requester.published:
        raise MeetingError(_("Please publish your profile before you request meetings."))
    if recipient.withdrawn_at is not None or not recipient.published:
        raise MeetingError(_("This person does not take requests."))
    message = " ".join(str(message or "").split())
    if len(message) > MESSAGE_MAX:
        raise MeetingError(
            _("At most %(limit)d characters, please.") % {"limit": MESSAGE_MAX}, field="message"
        )
    if any(ord(ch) < 32 for ch in message):
        raise MeetingError(_("The text holds control characters."), field="message")
    live = MeetingRequest.objects.filter(requester=requester, status__in=LIVE).count()
    if live >= marketplace.max_requests:
        raise MeetingError(
            _("You have sent the %(n)d requests allowed; withdraw one to ask someone else.")
            % {"n": marketplace.max_requests}
        )
    pair = pair_key(requester.pk, recipient.pk)
    if MeetingRequest.objects.filter(marketplace=marketplace, pair=pair).exists():
        raise MeetingError(_("There is already a request between the two of you."))
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                marketplace=marketplace, requester=requester, recipient=recipient, message=message
            )
    except IntegrityError as clash:  # the other side asked at the same instant
        raise MeetingError(_("There is already a request between the two of you.")) from clash
    audit.record(request, "meetings.request.created", user=acting_user)
    mails.queue_request_mail(request, mails.RECEIVED)
    return request


def _locked(request: MeetingRequest) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update()
        .select_related("marketplace__event", "requester", "recipient")
        .get(pk=request.pk)
    )


@transaction.atomic
def request_answer(request: MeetingRequest, *, accept: bool, acting_user: Any) -> MeetingRequest:
    """The recipient accepts or declines an open request. After the plan was built an accepted
    request is placed at once when both have a free slot; else the next plan run places it."""
    request = _locked(request)
    _acting_participant(acting_user, request.recipient)
    if request.status != RequestStatus.REQUESTED:
        raise MeetingError(_("This request has been answered already."))
    if error := requests_open_error(request.marketplace):
        raise MeetingError(error)
    if request.requester.withdrawn_at is not None:
        raise MeetingError(_("The other side has withdrawn from the marketplace."))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at", "updated_at"])
    audit.record(
        request,
        "meetings.request.accepted" if accept else "meetings.request.declined",
        user=acting_user,
    )
    if accept and request.marketplace.plan_state == PlanState.DONE:
        place(request)
    mails.queue_request_mail(request, mails.ANSWERED)
    return request


@transaction.atomic
def request_withdraw(request: MeetingRequest, *, acting_user: Any) -> MeetingRequest:
    """Either side calls a request or an agreed meeting off; its slot becomes free."""
    request = _locked(request)
    acting_id = getattr(acting_user, "pk", None)
    if acting_user is not None and acting_id not in (
        request.requester.user_id,
        request.recipient.user_id,
    ):
        raise permissions.NotPermittedError(_("You may only act for yourself."))
    if request.status not in LIVE:
        raise MeetingError(_("This request is no longer open."))
    Meeting.objects.filter(request=request).delete()
    request.status = RequestStatus.WITHDRAWN
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at", "updated_at"])
    audit.record(request, "meetings.request.withdrawn", user=acting_user)
    by = request.requester if request.requester.user_id == acting_id else request.recipient
    mails.queue_request_mail(request, mails.WITHDRAWN, by=by)
    return request


def free_slots(request: MeetingRequest) -> list[int]:
    """Meeting slots, in time order, where both sides are present and not yet booked."""
    sides = (request.requester_id, request.recipient_id)
    marketplace = request.marketplace
    busy = set(
        MeetingSeat.objects.filter(participant_id__in=sides).values_list("slot_id", flat=True)
    )
    absent = set(
        Participant.unavailable_slots.through.objects.filter(participant_id__in=sides).values_list(
            "slot_id", flat=True
        )
    )
    return [
        pk
        for pk in marketplace.slots.filter(kind=SlotKind.MEETING).values_list("pk", flat=True)
        if pk not in busy and pk not in absent
    ]


def create_meeting(request: MeetingRequest, slot_id: int, table_id: int) -> Meeting | None:
    """The meeting and its two seats, or None when a constraint refused the place (taken)."""
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                marketplace_id=request.marketplace_id,
                request=request,
                slot_id=slot_id,
                table_id=table_id,
            )
            MeetingSeat.objects.bulk_create(
                [
                    MeetingSeat(meeting=meeting, participant_id=side, slot_id=slot_id)
                    for side in (request.requester_id, request.recipient_id)
                ]
            )
    except IntegrityError:
        return None
    return meeting


def place(request: MeetingRequest) -> Meeting | None:
    """Put an accepted request into the first free (slot, table); None when there is none."""
    if Meeting.objects.filter(request=request).exists():
        return request.meeting
    tables = list(request.marketplace.tables.values_list("pk", flat=True))
    for slot_id in free_slots(request):
        taken = set(Meeting.objects.filter(slot_id=slot_id).values_list("table_id", flat=True))
        for table_id in tables:
            if table_id in taken:
                continue
            meeting = create_meeting(request, slot_id, table_id)
            if meeting is not None:
                return meeting
            # Refused: this table or one of the two was taken meanwhile. Was it a seat?
            if MeetingSeat.objects.filter(
                Q(participant_id=request.requester_id) | Q(participant_id=request.recipient_id),
                slot_id=slot_id,
            ).exists():
                break
    return None
