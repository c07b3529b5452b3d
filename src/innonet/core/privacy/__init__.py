"""Personal data: the register of personal fields (GDPR Art. 30) and the per-app contributors
that find, export (Art. 15, 20) and erase (Art. 17) everything about one person.

Core imports no business app: each app registers its own contributor from `<app>/privacy.py`,
and core's audit log registers its own last (`audit_log.py`)."""

from .export import Export, Section, field_labels, plain, readable, row
from .identity import ERASED, REDACTED, Identity, mentioning, overwrite, redact_rows
from .register import PERSONAL_FIELD_NAMES, REGISTER, Processing
from .registry import (
    Contributor,
    Erasure,
    collect,
    contributor,
    contributors,
    coverage,
    erase,
    identify,
)

__all__ = [
    "ERASED",
    "PERSONAL_FIELD_NAMES",
    "REDACTED",
    "REGISTER",
    "Contributor",
    "Erasure",
    "Export",
    "Identity",
    "Processing",
    "Section",
    "collect",
    "contributor",
    "contributors",
    "coverage",
    "erase",
    "field_labels",
    "identify",
    "mentioning",
    "overwrite",
    "plain",
    "readable",
    "redact_rows",
    "row",
]
