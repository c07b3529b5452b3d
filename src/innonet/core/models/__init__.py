"""Shared base models, the editable taxonomies, the audit log and the legal pages."""

from .access import AccessKind, PersonalDataAccess
from .audit import AuditEntry
from .base import TimeStampedModel, VersionedModel
from .legal import LegalPage
from .office import HandledByOffice, OfficeRequest, OfficeRequestStatus
from .outbox import MailStatus, OutgoingMail, SuppressedAddress
from .taxonomy import Competence, Country, District, Ris3Field
from .workers import WorkerHeartbeat

__all__ = [
    "AccessKind",
    "AuditEntry",
    "Competence",
    "Country",
    "District",
    "HandledByOffice",
    "LegalPage",
    "MailStatus",
    "OfficeRequest",
    "OfficeRequestStatus",
    "OutgoingMail",
    "PersonalDataAccess",
    "Ris3Field",
    "SuppressedAddress",
    "TimeStampedModel",
    "VersionedModel",
    "WorkerHeartbeat",
]
