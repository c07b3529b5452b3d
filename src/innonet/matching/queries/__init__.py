"""The questions the engine answers for a user (`questions`), what the user may see among the
results (`visibility`), and what an answer holds (`answers`). Import from here."""

from .answers import (
    CONSORTIUM_PROBLEMS,
    PROBLEMS,
    Answer,
    ConsortiumAnswer,
    ConsortiumMember,
    Match,
    Reasons,
    Signal,
)
from .questions import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_TEXT,
    consortium,
    counterpart_profiles,
    event_key,
    idea_key,
    text_problem,
    who_can_help,
    who_fits_profile,
    whom_to_invite,
    whom_to_meet,
)
from .visibility import public_organisations

__all__ = [
    "CONSORTIUM_PROBLEMS",
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "MAX_TEXT",
    "PROBLEMS",
    "Answer",
    "ConsortiumAnswer",
    "ConsortiumMember",
    "Match",
    "Reasons",
    "Signal",
    "consortium",
    "counterpart_profiles",
    "event_key",
    "idea_key",
    "public_organisations",
    "text_problem",
    "who_can_help",
    "who_fits_profile",
    "whom_to_invite",
    "whom_to_meet",
]
