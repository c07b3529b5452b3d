"""Introductions: the office brings two organisations together (or a member asks it to), mails
both contacts, logs the contact in the registry, and follows what came of it up to a project.

Every write runs in one transaction and leaves an audit entry; mails are enqueued after commit.
"""

import math
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit, permissions, versioning
from innonet.core.errors import DomainError
from innonet.core.tasking import enqueue_on_commit
from innonet.events.models import Event
from innonet.partners.models import Affiliation, Interaction, Organisation, Person
from innonet.partners.services.interactions import interaction_record

from .. import mails
from ..documents import parse_key
from ..models import (
    CooperationProfile,
    Introduction,
    IntroductionOutcome,
    IntroductionStatus,
    Question,
    Suggestion,
)

Status = IntroductionStatus
TOPIC_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 500
OPEN_STATUSES = (Status.PLANNED, Status.INTRODUCED, Status.MET, Status.COOPERATING)

# Where an introduction may go next. PLANNED -> INTRODUCED happens only by sending it, and
# a declined introduction stays declined: a new introduction starts afresh.
MOVES: dict[str, tuple[str, ...]] = {
    Status.PLANNED: (Status.INTRODUCED, Status.DECLINED),
    Status.INTRODUCED: (Status.MET, Status.DECLINED),
    Status.MET: (Status.COOPERATING, Status.PROJECT_STARTED, Status.DECLINED),
    Status.COOPERATING: (Status.PROJECT_STARTED, Status.DECLINED),
    Status.PROJECT_STARTED: (),
    Status.DECLINED: (),
}
QUESTION_OF_PREFIX = {
    "p": Question.PROFILE,
    "o": Question.ORGANISATION,
    "e": Question.EVENT,
    "q": Question.IDEA,
    "k": Question.CONSORTIUM,
}
SOURCE_KEY = re.compile(r"^[poeqk]:[A-Za-z0-9_-]{1,78}$")


class IntroductionError(DomainError):
    """A rule of introductions was broken; the message says which."""


class IntroductionMoveError(IntroductionError, ValidationError):
    """An outcome the introduction cannot reach from where it is. Also a ValidationError, so
    callers that expect one (forms, the API's handler) treat it as bad input."""

    def __init__(self, message: str, *, code: str) -> None:
        ValidationError.__init__(self, message, code=code)
        self.field = "status"


def _status_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


def manual_moves(introduction: Introduction) -> tuple[str, ...]:
    """The outcomes staff may record by hand now (sending is its own action)."""
    return tuple(s for s in MOVES.get(introduction.status, ()) if s != Status.INTRODUCED)


def _storable(text: Any) -> str:
    """Text the database takes: lone surrogates (possible in JSON) become U+FFFD, NUL goes."""
    text = str(text or "").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text.replace("\x00", "")


def _one_line(text: Any, limit: int) -> str:
    """A single line without control characters; CR/LF never reach a mail header."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in _storable(text))
    return " ".join(cleaned.split())[:limit]


def clean_topic(topic: str) -> str:
    """The topic as stored: one line, required, at most 200 characters."""
    cleaned = _one_line(topic, TOPIC_MAX_LENGTH + 1)
    if not cleaned:
        raise IntroductionError(_("Please enter a topic."), field="topic")
    if len(cleaned) > TOPIC_MAX_LENGTH:
        raise IntroductionError(
            _("The topic may have at most %(max)s characters.") % {"max": TOPIC_MAX_LENGTH},
            field="topic",
        )
    return cleaned


def clean_message(message: str) -> str:
    message = _storable(message).strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise IntroductionError(
            _("The message may have at most %(max)s characters.") % {"max": MESSAGE_MAX_LENGTH},
            field="message",
        )
    return message


def current_affiliates(organisation: Organisation | None) -> Any:
    """People with a current role at the organisation whose data has not been erased."""
    if organisation is None:
        return Person.objects.none()
    today = timezone.localdate()
    roles = Affiliation.objects.filter(organisation=organisation).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    return Person.objects.present().filter(pk__in=roles.values("person_id"))


def _check_person(person: Person | None, organisation: Organisation, field: str) -> None:
    if person is None:
        return
    if not current_affiliates(organisation).filter(pk=person.pk).exists():
        raise IntroductionError(
            _("%(person)s has no current role at %(organisation)s.")
            % {"person": person, "organisation": organisation.name},
            field=field,
        )


def main_contact(organisation: Organisation, *, email: str = "") -> Person | None:
    """The person a requested introduction names: the one with `email` if they work there,
    else the organisation's main contact, else nobody (the office chooses)."""
    people = current_affiliates(organisation)
    if email:
        found = people.filter(email__iexact=email).order_by("pk").first()
        if found is not None:
            return found
    main = Affiliation.objects.filter(
        organisation=organisation, is_main_contact=True, person__in=people
    ).select_related("person")
    first = main.order_by("pk").first()
    return first.person if first else None


def _record(
    introduction: Introduction, status: str, *, note: str = "", acting_user: Any
) -> IntroductionOutcome:
    return IntroductionOutcome.objects.create(
        introduction=introduction,
        status=status,
        note=_one_line(note, NOTE_MAX_LENGTH),
        recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )


@transaction.atomic
def introduction_create(
    *,
    first_organisation: Organisation,
    second_organisation: Organisation,
    topic: str,
    message: str = "",
    first_person: Person | None = None,
    second_person: Person | None = None,
    profile: CooperationProfile | None = None,
    suggestion: Suggestion | None = None,
    acting_user: Any,
) -> Introduction:
    """Plan an introduction between two organisations and their contacts (the office)."""
    if first_organisation is None or second_organisation is None:
        raise IntroductionError(_("Please choose both organisations."))
    if first_organisation.pk == second_organisation.pk:
        raise IntroductionError(
            _("An introduction brings two different organisations together."),
            field="second_organisation",
        )
    _check_person(first_person, first_organisation, "first_person")
    _check_person(second_person, second_organisation, "second_person")
    if profile is not None and profile.organisation_id not in (
        first_organisation.pk,
        second_organisation.pk,
    ):
        raise IntroductionError(
            _("The cooperation profile belongs to neither of the two organisations.")
        )
    introduction = Introduction.objects.create(
        first_organisation=first_organisation,
        second_organisation=second_organisation,
        first_person=first_person,
        second_person=second_person,
        topic=clean_topic(topic),
        message=clean_message(message),
        profile=profile,
        suggestion=suggestion,
        status=Status.PLANNED,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    _record(introduction, Status.PLANNED, acting_user=acting_user)
    audit.record(
        introduction,
        "matching.introduction.created",
        user=acting_user,
        data={"first": first_organisation.pk, "second": second_organisation.pk},
    )
    return introduction


def _suggestion_sources(source_key: str) -> dict[str, Any]:
    prefix, _sep, pk = source_key.partition(":")
    if not pk.isdigit():
        return {}
    model, field = {
        "o": (Organisation, "source_organisation"),
        "p": (CooperationProfile, "source_profile"),
        "e": (Event, "source_event"),
    }.get(prefix, (None, ""))
    found = model.objects.filter(pk=pk).first() if model else None
    return {field: found} if found else {}


def validate_suggestion_link(source_key: str, document_id: str, score: float) -> None:
    """A question key (`p:12`, `q:<hash>`...), an engine document (`o:4`) and a finite score;
    shared by the form and the service."""
    valid = SOURCE_KEY.match(source_key or "") and parse_key(document_id or "") is not None
    if not valid or len(document_id) > 40 or not math.isfinite(score):
        raise IntroductionError(_("The link to the suggestion is not valid."))


def suggestion_for(
    *, source_key: str, document_id: str, score: float, organisation: Organisation
) -> Suggestion:
    """The kept suggestion for (question, document) that `organisation` was found by; made on
    first use (the office's ratings may have made it already)."""
    validate_suggestion_link(source_key, document_id, score)
    try:
        with transaction.atomic():
            suggestion, _created = Suggestion.objects.get_or_create(
                source_key=source_key,
                document_id=document_id,
                defaults={
                    "question": QUESTION_OF_PREFIX[source_key[0]],
                    "score": score,
                    "organisation": organisation,
                    **_suggestion_sources(source_key),
                },
            )
    except IntegrityError:  # made concurrently by another request
        suggestion = Suggestion.objects.get(source_key=source_key, document_id=document_id)
    return suggestion


@transaction.atomic
def introduction_create_from_suggestion(
    *, source_key: str, document_id: str, score: float, **fields: Any
) -> Introduction:
    """Plan an introduction from an engine result, keeping the suggestion it came from."""
    suggestion = suggestion_for(
        source_key=source_key,
        document_id=document_id,
        score=score,
        organisation=fields["second_organisation"],
    )
    return introduction_create(suggestion=suggestion, **fields)


@transaction.atomic
def introduction_request(
    *, profile: CooperationProfile, acting_user: Any, message: str = ""
) -> Introduction:
    """A member is interested in another organisation's profile: plan an introduction for the
    office and tell it. Asking again while one is open returns the open one."""
    if permissions.role_of(acting_user) != permissions.MEMBER or not acting_user.organisation_id:
        raise IntroductionError(_("Only members of an organisation can ask for an introduction."))
    own = acting_user.organisation
    if profile.organisation_id == own.pk:
        raise IntroductionError(_("This profile is your own organisation's."))
    # Lock the profile row so two clicks at once create one introduction.
    locked = CooperationProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if locked is None or not permissions.can_view(acting_user, locked):
        raise IntroductionError(_("This cooperation profile is not available."))
    existing = (
        Introduction.objects.filter(
            profile=locked, first_organisation=own, status__in=OPEN_STATUSES
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    introduction = Introduction.objects.create(
        first_organisation=own,
        second_organisation=locked.organisation,
        first_person=main_contact(own, email=acting_user.email),
        second_person=_requested_counterpart(locked),
        topic=clean_topic(locked.title),
        message=clean_message(message),
        profile=locked,
        created_by=acting_user,
    )
    _record(introduction, Status.PLANNED, note=_("asked for by a member"), acting_user=acting_user)
    audit.record(
        introduction,
        "matching.introduction.requested",
        user=acting_user,
        data={"profile": locked.pk},
    )
    if mails.office_address():
        from ..tasks import send_introduction_request_mail

        enqueue_on_commit(send_introduction_request_mail, introduction_id=introduction.pk)
    return introduction


def _requested_counterpart(profile: CooperationProfile) -> Person | None:
    """The profile's contact person if still with the organisation, else its main contact."""
    if (
        profile.contact_id
        and current_affiliates(profile.organisation).filter(pk=profile.contact_id).exists()
    ):
        return profile.contact
    return main_contact(profile.organisation)


def _lock(introduction: Introduction, version: int | None) -> Introduction:
    sides = ("first_organisation", "second_organisation", "first_person", "second_person")
    return versioning.lock(introduction, version, related=sides)


def _log_interaction(
    introduction: Introduction, side: str, *, today: Any, acting_user: Any
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
    introduction: Introduction, *, version: int | None = None, acting_user: Any
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
    from ..tasks import send_introduction_mail

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


@transaction.atomic
def introduction_record_outcome(
    introduction: Introduction,
    *,
    status: str,
    note: str = "",
    version: int | None = None,
    acting_user: Any,
) -> Introduction:
    """Record what came of an introduction: met, cooperating, a project, or declined.
    Moves outside MOVES (and sending, which has its own action) are refused."""
    current = _lock(introduction, version)
    if status not in MOVES:
        raise IntroductionMoveError(_("Unknown outcome."), code="unknown")
    if status == Status.INTRODUCED and current.status == Status.PLANNED:
        raise IntroductionMoveError(
            _("An introduction becomes “introduced” by sending it."), code="send_first"
        )
    if status not in MOVES[current.status]:
        raise IntroductionMoveError(
            _("An introduction cannot move from “%(current)s” to “%(target)s”.")
            % {"current": _status_label(current.status), "target": _status_label(status)},
            code="illegal_move",
        )
    previous = current.status
    current.status = status
    versioning.save_new_version(current, update_fields=["status"])
    _record(current, status, note=note, acting_user=acting_user)
    audit.record(
        current,
        "matching.introduction.outcome",
        user=acting_user,
        data={"from": previous, "to": status},
    )
    return current


@transaction.atomic
def project_started(introduction: Introduction, project: Any, *, acting_user: Any) -> Introduction:
    """A project was created from this introduction: it moves to "project started" (from any
    open state; a declined or already counted introduction stays as it is)."""
    current = _lock(introduction, None)
    if current.status not in OPEN_STATUSES:
        return current
    previous = current.status
    current.status = Status.PROJECT_STARTED
    versioning.save_new_version(current, update_fields=["status"])
    note = _("Project: %(title)s") % {"title": getattr(project, "title", "")}
    _record(current, Status.PROJECT_STARTED, note=note, acting_user=acting_user)
    audit.record(
        current,
        "matching.introduction.project_started",
        user=acting_user,
        data={"from": previous, "project": getattr(project, "pk", None)},
    )
    return current
