"""Mails of the meeting marketplace, each in its reader's language, sent by the background
worker: a request arrived, it was accepted or declined, the other side called it off, and the
plan gave someone new meetings or took one away.

Services call `queue_request_mail` or `queue_plan_mails` inside their transaction; the task
renders each mail from the state at send time, so a request answered meanwhile is told as it
now stands. A participant whose registration lost its address (erased) is not mailed.
"""

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.translation import gettext_lazy

from innonet.core import mail
from innonet.core.dates import format_span
from innonet.core.tasking import enqueue_on_commit

from . import queries
from .models import Marketplace, MeetingRequest, Participant, RequestStatus, Slot

RECEIVED = "received"
ANSWERED = "answered"
WITHDRAWN = "withdrawn"
REQUEST_KINDS = (RECEIVED, ANSWERED, WITHDRAWN)

SUBJECTS = {
    RECEIVED: gettext_lazy("Meeting request from %(name)s: %(event)s"),
    (ANSWERED, RequestStatus.ACCEPTED): gettext_lazy("%(name)s accepted your meeting request"),
    (ANSWERED, RequestStatus.DECLINED): gettext_lazy("%(name)s declined your meeting request"),
    WITHDRAWN: gettext_lazy("%(name)s called off the meeting request"),
}


def queue_request_mail(
    request: MeetingRequest, kind: str, *, by: Participant | None = None
) -> None:
    """Mail the side of `request` that did not act, once the transaction commits; `by` is the
    side that withdrew (either side may)."""
    from .tasks import send_request_mail

    enqueue_on_commit(
        send_request_mail,
        request_id=request.pk,
        kind=kind,
        by_id=by.pk if by is not None else None,
    )


def queue_plan_mails(marketplace_id: int, participant_ids: set[int], planned_at: str) -> None:
    """Tell each participant whose meetings the plan run changed, once it has committed."""
    if not participant_ids:
        return
    from .tasks import send_plan_mails

    enqueue_on_commit(
        send_plan_mails,
        marketplace_id=marketplace_id,
        participant_ids=sorted(participant_ids),
        planned_at=planned_at,
    )


def address_of(participant: Participant) -> tuple[str, str]:
    """(e-mail, language) of a participant: the registration's address, the account's chosen
    language before the one given when registering."""
    registration = participant.registration
    user = participant.user
    language = (getattr(user, "language", "") or "") or registration.language
    return registration.email, language


def _when(marketplace: Marketplace, slot: Slot) -> str:
    """The slot's day and hours in the marketplace's time zone and the active language."""
    with timezone.override(queries.zone(marketplace)):
        return format_span(slot.starts_at, slot.ends_at)


def _links(participant: Participant) -> dict[str, str]:
    event_id = participant.marketplace.event_id
    return {
        "requests_url": mail.link("meetings:my_requests", pk=event_id),
        "plan_url": mail.link("meetings:my_plan", pk=event_id),
        "marketplace_url": mail.link("meetings:marketplace", pk=event_id),
    }


def build_request_mail(
    request: MeetingRequest, kind: str, *, by_id: int | None = None
) -> EmailMultiAlternatives | None:
    """The mail of `kind` about `request` to the side that should hear of it, or None when
    there is nothing to tell any more (answered before the mail went, withdrawn, no address)."""
    if kind == RECEIVED:
        if request.status != RequestStatus.REQUESTED:
            return None
        reader, actor, subject = request.recipient, request.requester, SUBJECTS[RECEIVED]
    elif kind == ANSWERED:
        subject = SUBJECTS.get((ANSWERED, request.status))
        if subject is None:
            return None
        reader, actor = request.requester, request.recipient
    elif kind == WITHDRAWN:
        if request.status != RequestStatus.WITHDRAWN or by_id not in (
            request.requester_id,
            request.recipient_id,
        ):
            return None
        subject = SUBJECTS[WITHDRAWN]
        actor, reader = (
            (request.requester, request.recipient)
            if by_id == request.requester_id
            else (request.recipient, request.requester)
        )
    else:
        return None
    if reader.withdrawn_at is not None:
        return None
    email, language = address_of(reader)
    if not email:
        return None
    marketplace = request.marketplace
    meeting = getattr(request, "meeting", None) if kind == ANSWERED else None

    def context() -> dict:
        values = {
            "kind": kind,
            "request": request,
            "reader": reader,
            "actor": actor,
            "event": marketplace.event,
            "accepted": request.status == RequestStatus.ACCEPTED,
            "meeting": meeting,
            **_links(reader),
        }
        if meeting is not None:
            values["when"] = _when(marketplace, meeting.slot)
        return values

    return mail.compose(
        "meetings/mail/request",
        to=email,
        language=language,
        subject=subject,
        subject_values={"name": actor.name, "event": marketplace.event.title},
        context=context,
    )


def build_plan_mail(participant: Participant) -> EmailMultiAlternatives | None:
    """The participant's meetings as the plan now stands, or None without an address."""
    if participant.withdrawn_at is not None:
        return None
    email, language = address_of(participant)
    if not email:
        return None
    marketplace = participant.marketplace

    def context() -> dict:
        rows = [
            {
                "when": _when(marketplace, row.slot),
                "other": row.other,
                "table": row.meeting.table,
            }
            for row in queries.plan_of(participant)
            if row.meeting is not None
        ]
        return {
            "reader": participant,
            "event": marketplace.event,
            "rows": rows,
            "time_zone": marketplace.time_zone,
            "pdf_url": mail.link("meetings:my_plan_pdf", pk=marketplace.event_id),
            "ics_url": mail.link("meetings:my_plan_ics", pk=marketplace.event_id),
            **_links(participant),
        }

    return mail.compose(
        "meetings/mail/plan",
        to=email,
        language=language,
        subject=gettext_lazy("Your meeting plan for %(event)s"),
        subject_values={"event": marketplace.event.title},
        context=context,
    )


def request_outbox_key(request_id: int, kind: str, status: str) -> str:
    return f"meetings.request:{request_id}:{kind}:{status}"


def plan_outbox_key(participant_id: int, planned_at: str) -> str:
    return f"meetings.plan:{participant_id}:{planned_at}"
