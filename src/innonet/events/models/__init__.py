"""Formats (reusable templates), events, registrations, feedback and follow-up tasks."""

from .calendar import CalendarFeedKey
from .events import Event, EventStatus, EventVisibility
from .formats import Format
from .registrations import AskedField, Feedback, Registration, RegistrationStatus
from .tasks import EventTask

__all__ = [
    "AskedField",
    "CalendarFeedKey",
    "Event",
    "EventStatus",
    "EventTask",
    "EventVisibility",
    "Feedback",
    "Format",
    "Registration",
    "RegistrationStatus",
]
