"""Background work of matchmaking: keep the index fresh, rebuild it, send introduction mails
and profile reminders."""

import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from innonet.accounts.models import User
from innonet.core.outbox import queue_mail
from innonet.core.tasking import on_interrupted, retrying

from . import mails, search_index
from .models import CooperationProfile, IndexState, InterestRequest, Introduction

logger = logging.getLogger(__name__)


@retrying(backoff_seconds=30)
def refresh_index(*, keys: list[str]) -> int:
    """Record changed documents for every host's copy of the index (one task per committed
    change); this process's copy, if it has one, applies them at once."""
    return search_index.refresh(keys)


# A rebuild is safe to repeat, so a run whose worker died runs again (up to TASK_MAX_ATTEMPTS);
# its own errors are recorded on the state row and not retried.
@retrying(retry_on=())
def rebuild_index() -> int:
    """Rebuild the whole index, recording progress on the state row for the status page."""

    def progress(done: int, total: int) -> None:
        IndexState.objects.filter(pk=search_index.state().pk).update(
            rebuild_done=done, rebuild_total=total
        )

    try:
        index = search_index.rebuild(progress=progress)
    except Exception as error:
        IndexState.objects.filter(pk=search_index.state().pk).update(
            rebuild_requested_at=None, rebuild_error=str(error)[:500]
        )
        raise
    IndexState.objects.filter(pk=search_index.state().pk).update(
        rebuild_requested_at=None, rebuild_error="", updated_at=timezone.now()
    )
    return len(index)


@on_interrupted(rebuild_index)
def release_rebuild(kwargs: dict[str, Any], *, retried: bool) -> None:
    """The last allowed rebuild lost its worker: the page offers the button again."""
    if not retried:
        IndexState.objects.filter(pk=search_index.state().pk).update(
            rebuild_requested_at=None,
            rebuild_error=gettext("The background worker stopped during the rebuild."),
        )


@retrying(backoff_seconds=60)
def send_introduction_mail(
    *, introduction_id: int, side: str, sender_id: int | None = None
) -> bool:
    """Mail one side of a sent introduction; skipped when the contact was erased or lost
    their address since. Replies go to the office (else to the staff member who sent it)."""
    introduction = (
        Introduction.objects.select_related(
            "first_organisation", "second_organisation", "first_person", "second_person"
        )
        .filter(pk=introduction_id)
        .first()
    )
    if introduction is None or side not in mails.SIDES:
        return False
    sender = None
    if sender_id is not None:
        sender = User.objects.filter(pk=sender_id).values_list("email", flat=True).first()
    message = mails.build_introduction(
        introduction, side, reply_to=mails.office_address() or sender or ""
    )
    if message is None:
        return False
    key = f"matching.introduction:{introduction.pk}:{side}"
    queue_mail(message, key=key, category="matching.introduction")
    return True


@retrying(backoff_seconds=60)
def send_interest_request_mail(*, request_id: int) -> bool:
    """Tell the office that a member asked to be introduced (when it has an address)."""
    request = (
        InterestRequest.objects.select_related(
            "organisation", "target_organisation", "requested_by"
        )
        .filter(pk=request_id)
        .first()
    )
    message = mails.build_request_notice(request) if request else None
    if message is None or request is None:
        return False
    queue_mail(message, key=f"matching.interest_request:{request.pk}", category="matching.request")
    return True


@retrying(backoff_seconds=300)
def send_profile_reminder(*, profile_id: int, role: str, valid_until: str) -> bool:
    """Send one planned expiry reminder; skipped when the profile was renewed or deleted since,
    or that person can no longer be mailed."""
    from .services.profile_reminders import recipient_for

    profile = (
        CooperationProfile.objects.select_related("created_by", "contact")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None or profile.valid_until.isoformat() != valid_until:
        return False
    recipient = recipient_for(profile, role)
    if recipient is None:
        return False
    message = mails.build_profile_reminder(
        profile, name=recipient.name, email=recipient.email, language=recipient.language
    )
    key = f"matching.profile_reminder:{profile.pk}:{role}:{valid_until}"
    queue_mail(message, key=key, category="matching.profile_reminder")
    return True
