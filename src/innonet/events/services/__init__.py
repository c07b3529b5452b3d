"""Every write of the events app: formats, events and their states, registrations, check-in,
feedback and follow-up tasks. Views and the API call these; each runs in a transaction."""

from .checkin import registration_check_in, registration_check_in_undo
from .events import (
    event_cancel,
    event_create,
    event_finish,
    event_from_format,
    event_publish,
    event_update,
)
from .feedback import feedback_submit
from .formats import format_adopt, format_create, format_update
from .registrations import (
    Attendee,
    Places,
    Submission,
    places,
    registration_approve,
    registration_cancel,
    registration_confirm,
    registration_register_by_staff,
    registration_register_member,
    registration_reject,
    registration_submit,
    registration_window_error,
)
from .registry import organisation_named, registration_link_organisation
from .tasks import event_task_add, event_task_done

__all__ = [
    "Attendee",
    "Places",
    "Submission",
    "event_cancel",
    "event_create",
    "event_finish",
    "event_from_format",
    "event_publish",
    "event_task_add",
    "event_task_done",
    "event_update",
    "feedback_submit",
    "format_adopt",
    "format_create",
    "format_update",
    "organisation_named",
    "places",
    "registration_approve",
    "registration_cancel",
    "registration_check_in",
    "registration_check_in_undo",
    "registration_confirm",
    "registration_link_organisation",
    "registration_register_by_staff",
    "registration_register_member",
    "registration_reject",
    "registration_submit",
    "registration_window_error",
]
