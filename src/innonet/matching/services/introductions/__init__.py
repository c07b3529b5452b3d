"""Introductions: the office brings two organisations together (or a member asks it to), mails
both contacts, logs the contact in the registry, and follows what came of it up to a project.
`planning` plans them (and holds the shared rules), `sending` introduces the two sides,
`outcomes` records what came of it; `requests` keeps members' interest requests until the
office acts on them, and `pairs` names what a pair already has before another is planned.

Every write runs in one transaction and leaves an audit entry; mails are enqueued after commit.
"""

from .errors import IntroductionError, IntroductionMoveError
from .outcomes import MOVES, introduction_record_outcome, manual_moves, project_started
from .pairs import DuplicateIntroductionError, PairHistory, pair_history
from .planning import (
    MESSAGE_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    OPEN_STATUSES,
    TOPIC_MAX_LENGTH,
    clean_message,
    clean_topic,
    current_affiliates,
    introduction_create,
    introduction_create_from_suggestion,
    main_contact,
    suggestion_for,
    validate_suggestion_link,
)
from .requests import (
    interest_request_close,
    interest_request_create,
    request_initial,
    visible_requests,
)
from .sending import introduction_send

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "MOVES",
    "NOTE_MAX_LENGTH",
    "OPEN_STATUSES",
    "TOPIC_MAX_LENGTH",
    "DuplicateIntroductionError",
    "IntroductionError",
    "IntroductionMoveError",
    "PairHistory",
    "clean_message",
    "clean_topic",
    "current_affiliates",
    "interest_request_close",
    "interest_request_create",
    "introduction_create",
    "introduction_create_from_suggestion",
    "introduction_record_outcome",
    "introduction_send",
    "main_contact",
    "manual_moves",
    "pair_history",
    "project_started",
    "request_initial",
    "suggestion_for",
    "validate_suggestion_link",
    "visible_requests",
]
