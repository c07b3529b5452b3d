"""Introductions: the office brings two organisations together (or a member asks it to), mails
both contacts, logs the contact in the registry, and follows what came of it up to a project.
`planning` plans them (and holds the shared rules), `sending` introduces the two sides,
`outcomes` records what came of it.

Every write runs in one transaction and leaves an audit entry; mails are enqueued after commit.
"""

from .outcomes import MOVES, introduction_record_outcome, manual_moves, project_started
from .planning import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    OPEN_STATUSES,
    TOPIC_MAX_LENGTH,
    IntroductionError,
    IntroductionMoveError,
    clean_message,
    clean_topic,
    current_affiliates,
    introduction_create,
    introduction_create_from_suggestion,
    introduction_request,
    main_contact,
    suggestion_for,
    validate_suggestion_link,
)
from .sending import introduction_send

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "MOVES",
    "NOTE_MAX_LENGTH",
    "OPEN_STATUSES",
    "TOPIC_MAX_LENGTH",
    "IntroductionError",
    "IntroductionMoveError",
    "clean_message",
    "clean_topic",
    "current_affiliates",
    "introduction_create",
    "introduction_create_from_suggestion",
    "introduction_record_outcome",
    "introduction_request",
    "introduction_send",
    "main_contact",
    "manual_moves",
    "project_started",
    "suggestion_for",
    "validate_suggestion_link",
]
