"""Every write of the meeting marketplace, each in a transaction; import from here."""

from .errors import MeetingError
from .marketplace import (
    marketplace_open,
    marketplace_update,
    requests_open_error,
    slot_add,
    slot_delete,
    table_add,
    table_delete,
)
from .outcomes import outcome_record
from .participants import (
    own_participant,
    own_registration,
    participant_join,
    participant_update,
    participant_withdraw,
    prefill,
)
from .plan import plan_build, plan_request, problem_for
from .requests import place, request_answer, request_create, request_withdraw

__all__ = [
    "MeetingError",
    "marketplace_open",
    "marketplace_update",
    "outcome_record",
    "own_participant",
    "own_registration",
    "participant_join",
    "participant_update",
    "participant_withdraw",
    "place",
    "plan_build",
    "plan_request",
    "prefill",
    "problem_for",
    "request_answer",
    "request_create",
    "request_withdraw",
    "requests_open_error",
    "slot_add",
    "slot_delete",
    "table_add",
    "table_delete",
]
