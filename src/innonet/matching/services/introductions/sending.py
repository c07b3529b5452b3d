"""Sending an introduction: both contacts are mailed after commit and each side's contact is
logged in the registry."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, versioning
from innonet.core.tasking import enqueue_on_commit
from innonet.partners.models import Affiliation, Interaction
from innonet.partners.services.interactions import interaction_record

from ... import mails
from ...models import Introduction
from .errors import IntroductionError
from .planning import (
    TOPIC_MAX_LENGTH,
    Status,
    _lock,
    _one_line,
    _record,
    _status_label,
)


def _log_interaction(
    introduction: Introduction, side: str, *, today: Any, acting_user: User | None
) -> Interaction:
    """One entry in the registry's contact log for one side of a sent introduction."""
    view = mails.side_of(introduction, side)
    person = view.person
    if (
        person is not None
        and not Affiliation.objects.filter(person=person, organisation=view.organisation).exists()
    ):
        person = None
    notes = _("Introduced to %(organisation)s.") % {"organisation": view.other_organisation.name}
    data = {
        "kind": Interaction.Kind.INTRODUCTION,
        "happened_on": today,
        "organisation": view.organisation,
        "person": person,
        # Stored by an older version, a topic may hold a line break the log would refuse.
        "topic": _one_line(introduction.topic, TOPIC_MAX_LENGTH),
        "notes": "\n\n".join(part for part in (notes, introduction.message) if part),
        "staff": acting_user,
    }
    return interaction_record(data=data, acting_user=acting_user)


@transaction.atomic
def introduction_send(
    introduction: Introduction, *, version: int | None = None, acting_user: User | None
) -> Introduction:
    """Introduce the two sides: mail each contact who can be mailed, log one contact per
    organisation, and mark the introduction as introduced today."""
    current = _lock(introduction, version)
    if current.status != Status.PLANNED:
        raise IntroductionError(
            _("Only a planned introduction can be sent; this one is “%(status)s”.")
            % {"status": _status_label(current.status)}
        )
    today = timezone.localdate()
    current.mailed_first = not mails.mail_problem(current.first_person)
    current.mailed_second = not mails.mail_problem(current.second_person)
    current.status = Status.INTRODUCED
    current.introduced_on = today
    fields = ["mailed_first", "mailed_second", "status", "introduced_on"]
    versioning.save_new_version(current, update_fields=fields)
    for side in mails.SIDES:
        _log_interaction(current, side, today=today, acting_user=acting_user)
    _record(current, Status.INTRODUCED, acting_user=acting_user)
    audit.record(
        current,
        "matching.introduction.sent",
        user=acting_user,
        data={"mailed_first": current.mailed_first, "mailed_second": current.mailed_second},
    )
    from ...tasks import send_introduction_mail

    mailed = {mails.FIRST: current.mailed_first, mails.SECOND: current.mailed_second}
    for side in mails.SIDES:
        if mailed[side]:
            enqueue_on_commit(
                send_introduction_mail,
                introduction_id=current.pk,
                side=side,
                sender_id=getattr(acting_user, "pk", None),
            )
    return current
