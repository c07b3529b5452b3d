"""Innovation projects with partners, stage history, notes, tasks and documents; funding
programmes with rates, calls and deadlines."""

from .programmes import CallDeadline, FundingCall, FundingProgramme, FundingRate
from .projects import InnovationProject, ProjectPartner, StageChange
from .reminders import DeadlineReminder
from .work import DocumentName, ProjectDocument, ProjectNote, ProjectTask

__all__ = [
    "CallDeadline",
    "DeadlineReminder",
    "DocumentName",
    "FundingCall",
    "FundingProgramme",
    "FundingRate",
    "InnovationProject",
    "ProjectDocument",
    "ProjectNote",
    "ProjectPartner",
    "ProjectTask",
    "StageChange",
]
