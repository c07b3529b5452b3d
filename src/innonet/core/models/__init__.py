"""Shared base models, the editable taxonomies and the audit log."""

from .audit import AuditEntry
from .base import TimeStampedModel, VersionedModel
from .taxonomy import Competence, Country, District, Ris3Field
from .workers import WorkerHeartbeat

__all__ = [
    "AuditEntry",
    "Competence",
    "Country",
    "District",
    "Ris3Field",
    "TimeStampedModel",
    "VersionedModel",
    "WorkerHeartbeat",
]
