"""Background work of the meeting marketplace: building the plan and its mails."""

from typing import Any

from django.utils.translation import gettext

from innonet.core.errors import DomainError
from innonet.core.outbox import queue_mail
from innonet.core.tasking import on_interrupted, retrying

from . import mails
from .models import Marketplace, MeetingRequest, Participant, PlanState
from .services.plan import plan_build


# Building is safe to repeat (it reads the requests afresh and keeps what is placed), so a run
# whose worker died runs again; its own errors are shown on the page and not retried.
@retrying(retry_on=())
def build_plan(*, marketplace_id: int, keep_existing: bool = True) -> int:
    try:
        result = plan_build(marketplace_id, keep_existing=keep_existing)
    except Exception as error:
        # A rule's message is translated and meant for the office; anything else is an internal
        # error whose text (English, maybe technical) stays in the log, and the page says so.
        message = error.message if isinstance(error, DomainError) else ""
        Marketplace.objects.filter(pk=marketplace_id).update(
            plan_state=PlanState.FAILED, plan_message=message[:500]
        )
        raise
    return result.placed + result.kept


@on_interrupted(build_plan)
def release_plan(kwargs: dict[str, Any], *, retried: bool) -> None:
    """The last allowed run lost its worker: the page offers the button again."""
    if not retried:
        Marketplace.objects.filter(pk=int(kwargs.get("marketplace_id") or 0)).update(
            plan_state=PlanState.FAILED,
            plan_message=gettext("The background worker stopped while building the plan."),
        )


@retrying(backoff_seconds=60)
def send_request_mail(*, request_id: int, kind: str, by_id: int | None = None) -> bool:
    """Mail one side about a meeting request; skipped when nothing is left to tell."""
    request = (
        MeetingRequest.objects.select_related(
            "marketplace__event",
            "requester__registration",
            "requester__user",
            "recipient__registration",
            "recipient__user",
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None or kind not in mails.REQUEST_KINDS:
        return False
    message = mails.build_request_mail(request, kind, by_id=by_id)
    if message is None:
        return False
    key = mails.request_outbox_key(request.pk, kind, request.status)
    queue_mail(message, key=key, category=f"meetings.request.{kind}")
    return True


@retrying(backoff_seconds=60)
def send_plan_mails(*, marketplace_id: int, participant_ids: list[int], planned_at: str) -> int:
    """Mail each named participant their plan; a retried run stores each mail once (the key
    names the plan run)."""
    participants = Participant.objects.filter(
        marketplace_id=marketplace_id, pk__in=participant_ids
    ).select_related("marketplace__event", "registration", "user")
    sent = 0
    for participant in participants:
        message = mails.build_plan_mail(participant)
        if message is None:
            continue
        key = mails.plan_outbox_key(participant.pk, planned_at)
        queue_mail(message, key=key, category="meetings.plan")
        sent += 1
    return sent
