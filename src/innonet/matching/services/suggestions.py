"""Staff ratings of the engine's suggestions.

A rating is stored on the Suggestion for (source key, document); the next question with the
same source key reads the ratings as staff feedback (see `queries._ratings`), so a "bad match"
sinks and a "good match" rises.
"""

import math
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit, permissions
from innonet.core.errors import DomainError
from innonet.events.models import Event
from innonet.partners.models import Organisation

from ..documents import parse_key
from ..models import CooperationProfile, Question, Rating, Suggestion

SOURCE_PREFIXES = ("q:", "k:", "p:", "o:", "e:")
MAX_REASONS = 20000  # characters of the reasons as stored JSON


def _check(*, question: str, source_key: str, document_id: str, score: float, reasons: Any,
           rating: int, query_text: str) -> None:  # fmt: skip
    if question not in Question.values:
        raise DomainError(_("Unknown question."), field="question")
    if rating not in Rating.values:
        raise DomainError(_("Unknown rating."), field="rating")
    if not source_key.startswith(SOURCE_PREFIXES) or not 2 < len(source_key) <= 80:
        raise DomainError(_("The question is not known."), field="source_key")
    if len(document_id) > 40 or parse_key(document_id) is None:
        raise DomainError(_("The suggested record is not known."), field="document_id")
    if not math.isfinite(score):
        raise DomainError(_("The score must be a number."), field="score")
    if not isinstance(reasons, dict) or len(str(reasons)) > MAX_REASONS:
        raise DomainError(_("The reasons could not be read."), field="reasons")
    if len(query_text) > 5000:
        raise DomainError(_("The idea is longer than 5,000 characters."), field="query_text")


@transaction.atomic
def rate(
    user: Any,
    *,
    question: str,
    source_key: str,
    document_id: str,
    organisation: Organisation,
    score: float,
    reasons: dict[str, Any],
    rating: int,
    source_profile: CooperationProfile | None = None,
    source_organisation: Organisation | None = None,
    source_event: Event | None = None,
    query_text: str = "",
) -> Suggestion:
    """Rate one suggestion good or bad (or clear the rating with NONE); the office only."""
    if not permissions.is_staff(user):
        raise DomainError(_("Only the network office rates suggestions."))
    _check(question=question, source_key=source_key, document_id=document_id, score=score,
           reasons=reasons, rating=rating, query_text=query_text)  # fmt: skip
    suggestion, created = Suggestion.objects.select_for_update().get_or_create(
        source_key=source_key,
        document_id=document_id,
        defaults={
            "question": question,
            "query_text": query_text,
            "organisation": organisation,
            "score": score,
            "reasons": reasons,
            "source_profile": source_profile,
            "source_organisation": source_organisation,
            "source_event": source_event,
        },
    )
    previous = None if created else suggestion.rating
    suggestion.rating = rating
    suggestion.rated_by = user
    suggestion.rated_at = timezone.now()
    if not created:
        suggestion.score = score
        suggestion.reasons = reasons
    suggestion.save()
    audit.record(
        suggestion,
        "matching.suggestion.rated",
        user=user,
        data={
            "source_key": source_key,
            "document_id": document_id,
            "rating": rating,
            "previous": previous,
        },
    )
    return suggestion
