"""What came of a meeting, recorded by the office once it began: held or who did not come, a
follow-up (which opens an introduction between the two organisations in matchmaking, or links
the one they already have), and the project that grew out of it."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit, permissions
from innonet.matching.models import Introduction
from innonet.matching.services.introductions import introduction_create, pair_history
from innonet.projects.models import InnovationProject

from ..models import NO_SHOWS, Meeting, Outcome
from .errors import MeetingError
from .marketplace import check_office

TOPIC_MAX = 200


def _introduction_for(meeting: Meeting, acting_user: Any) -> Introduction | None:
    """The pair's newest introduction, or a new planned one; None when the two do not stand
    for two different organisations of the registry."""
    first = meeting.request.requester.organisation
    second = meeting.request.recipient.organisation
    if first is None or second is None or first.pk == second.pk:
        return None
    history = pair_history(first, second)
    if history.introductions:
        return history.introductions[0]
    topic = _("Follow-up of the meeting at %(event)s") % {"event": meeting.marketplace.event}
    return introduction_create(
        first_organisation=first,
        second_organisation=second,
        topic=topic[:TOPIC_MAX],
        allow_duplicate=True,  # an open interest request of the pair stays as it is
        acting_user=acting_user,
    )


@transaction.atomic
def outcome_record(
    meeting: Meeting,
    *,
    outcome: str,
    follow_up: bool = False,
    note: str = "",
    project: InnovationProject | None = None,
    acting_user: Any,
) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("marketplace__event", "slot", "request__requester", "request__recipient")
        .get(pk=meeting.pk)
    )
    check_office(acting_user, meeting.marketplace)
    if outcome not in Outcome.values or outcome == Outcome.OPEN:
        raise MeetingError(_("Please choose what happened."), field="outcome")
    if meeting.slot.starts_at > timezone.now():
        raise MeetingError(_("The meeting has not started yet."), field="outcome")
    if follow_up and outcome in NO_SHOWS:
        raise MeetingError(_("A follow-up needs a meeting that was held."), field="follow_up")
    note = " ".join(str(note or "").split())
    if len(note) > 500:
        raise MeetingError(
            _("At most %(limit)d characters, please.") % {"limit": 500}, field="note"
        )
    if (
        project is not None
        and acting_user is not None
        and not permissions.visible(acting_user, InnovationProject.objects.filter(pk=project.pk))
    ):
        raise MeetingError(_("Please choose a project you can see."), field="project")
    meeting.outcome = outcome
    meeting.follow_up = bool(follow_up)
    meeting.outcome_note = note
    meeting.outcome_recorded_at = timezone.now()
    meeting.project = project
    if follow_up and meeting.introduction_id is None:
        meeting.introduction = _introduction_for(meeting, acting_user)
    meeting.save()
    audit.record(
        meeting,
        "meetings.meeting.outcome",
        user=acting_user,
        data={"outcome": outcome, "follow_up": bool(follow_up)},
    )
    return meeting
