"""`innonet import_registry FILE --kind organisations|people [--dry-run] [--delimiter ;]`."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from innonet.partners.imports import (
    MAX_FILE_BYTES,
    ImportFileError,
    guess_mapping,
    open_table,
    run_import,
)


class Command(BaseCommand):
    help = (
        "Import organisations or people from a CSV or XLSX file: all rows or none. Columns "
        "are mapped from their German or English headers."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=["organisations", "people"], required=True)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--delimiter", default=None, help="CSV separator (default: detect).")

    def handle(
        self,
        *args: Any,
        file: Path,
        kind: str,
        dry_run: bool,
        delimiter: str | None,
        **options: Any,
    ) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"The file is larger than {MAX_FILE_BYTES // 1024**2} MB.")
        try:
            table = open_table(file.read_bytes(), file.name, delimiter=delimiter)
            report = run_import(
                table,
                kind=kind,
                mapping=guess_mapping(kind, table.headers),
                dry_run=dry_run,
                acting_user=None,
                progress=self._progress,
            )
        except ImportFileError as error:
            raise CommandError(error.message) from error
        sys.stderr.write("\n")
        for issue in report.issues:
            level = "ERROR" if issue.blocking else "note"
            column = f" [{issue.column}]" if issue.column else ""
            self.stdout.write(f"{level} row {issue.row}{column}: {issue.message}")
        counts = ", ".join(f"{key}={value}" for key, value in sorted(report.counts.items()))
        self.stdout.write(f"{report.rows} rows; {counts or 'nothing to do'}")
        if not report.ok:
            raise CommandError(f"{report.error_count} errors: nothing was imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))

    @staticmethod
    def _progress(phase: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{phase:<9} [{bar}] {done}/{total}")
        sys.stderr.flush()
