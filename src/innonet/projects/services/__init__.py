"""Writes of innovation projects and funding programmes, one module per concern."""

from .documents import MAX_DOCUMENT_BYTES, document_add, validate_document_upload
from .partners import partner_add, partner_remove, partner_update
from .programmes import Deadline, call_create, call_update, programme_create, programme_update
from .projects import project_create, project_update
from .stages import project_move
from .work import note_add, task_add, task_done

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Deadline",
    "call_create",
    "call_update",
    "document_add",
    "note_add",
    "partner_add",
    "partner_remove",
    "partner_update",
    "programme_create",
    "programme_update",
    "project_create",
    "project_move",
    "project_update",
    "task_add",
    "task_done",
    "validate_document_upload",
]
