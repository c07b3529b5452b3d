"""Reading, mapping and checking registry imports (CSV and XLSX); writes go through
`innonet.partners.services.imports`."""

from .columns import ORGANISATIONS, PEOPLE, guess_mapping, mapping_problems, targets_for
from .engine import Report, run_import
from .reading import MAX_FILE_BYTES, ImportFileError, Table, open_table
from .rows import Issue

__all__ = [
    "MAX_FILE_BYTES",
    "ORGANISATIONS",
    "PEOPLE",
    "ImportFileError",
    "Issue",
    "Report",
    "Table",
    "guess_mapping",
    "mapping_problems",
    "open_table",
    "run_import",
    "targets_for",
]
