"""Optimistic locking for records that several people edit, written once.

Models inherit `core.models.VersionedModel`; services change them through `versioned_update`
(or `lock` and `save_new_version` for state changes with their own rules); a stale version
raises `ConflictError` with the current record. The form side is in `.forms`, the API side
in `.rest`.
"""

from .locking import (
    ConflictError,
    apply_changes,
    creator,
    lock,
    save_new_version,
    set_many,
    versioned_update,
)

__all__ = [
    "ConflictError",
    "apply_changes",
    "creator",
    "lock",
    "save_new_version",
    "set_many",
    "versioned_update",
]
