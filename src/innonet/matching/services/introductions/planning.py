"""Planning introductions: the office brings two organisations together, from scratch or from
an engine result, or a member asks it to. Also the rules every step shares: errors, cleaned
topics and messages, current contacts, the outcome log and the version lock."""

import math
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, versioning
from innonet.events.models import Event
from innonet.partners.models import Affiliation, Organisation, Person

from ...documents import parse_key
from ...models import (
    CooperationProfile,
    Introduction,
    IntroductionOutcome,
    IntroductionStatus,
    Question,
    Suggestion,
)
from .errors import IntroductionError
from .pairs import check_duplicates, lock_open_request, mark_planned

Status = IntroductionStatus
TOPIC_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 500
OPEN_STATUSES = (Status.PLANNED, Status.INTRODUCED, Status.MET, Status.COOPERATING)

QUESTION_OF_PREFIX = {
    "p": Question.PROFILE,
    "o": Question.ORGANISATION,
    "e": Question.EVENT,
    "q": Question.IDEA,
    "k": Question.CONSORTIUM,
}
SOURCE_KEY = re.compile(r"^[poeqk]:[A-Za-z0-9_-]{1,78}$")


def _status_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


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
    introduction: Introduction, status: str, *, note: str = "", acting_user: User | None
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
    interest_request: int | None = None,
    allow_duplicate: bool = False,
    acting_user: User | None,
) -> Introduction:
    """Plan an introduction between two organisations and their contacts (the office),
    optionally from a member's open request (by id), which it then marks as handled. A pair
    that already has an introduction or another open request is refused with
    `DuplicateIntroductionError` unless `allow_duplicate` confirms it."""
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
    request = lock_open_request(interest_request) if interest_request is not None else None
    if request is not None and {request.organisation_id, request.target_organisation_id} != {
        first_organisation.pk,
        second_organisation.pk,
    }:
        raise IntroductionError(_("The request was about two other organisations."))
    check_duplicates(
        first_organisation,
        second_organisation,
        allow_duplicate=allow_duplicate,
        exclude_request=interest_request,
    )
    if request is not None and profile is None:
        profile = request.profile
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
    if request is not None:
        mark_planned(request, introduction, acting_user=acting_user)
    return introduction


def _suggestion_sources(source_key: str) -> dict[str, Any]:
    prefix, _sep, pk = source_key.partition(":")
    if not pk.isdigit():
        return {}
    sources: dict[str, tuple[type[Organisation | CooperationProfile | Event], str]] = {
        "o": (Organisation, "source_organisation"),
        "p": (CooperationProfile, "source_profile"),
        "e": (Event, "source_event"),
    }
    if prefix not in sources:
        return {}
    model, field = sources[prefix]
    found = model.objects.filter(pk=pk).first()
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
